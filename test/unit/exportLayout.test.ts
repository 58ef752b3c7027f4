import { describe, expect, it } from 'vitest'
import { TABLE_COLUMNS, type TableRow } from '../../shared/commentTable'
import { minimumWidthsEm, shareOut } from '../../server/exports/columnFit'
import { textWidth } from '../../server/exports/docxCommon'
import { tableColumnWidths } from '../../server/exports/tableDocx'
import { tableHeaders } from '../../server/exports/commentTable'
import { sharedTranslate } from '../../shared/i18n/sharedTranslate'
import { longestWordEm, textWidthEm, wrappedLines } from '../../server/exports/textMetrics'

const ENGLISH_HEADERS = tableHeaders(sharedTranslate('en'))
const row = (cells: Partial<TableRow>): TableRow => ({ ...Object.fromEntries(TABLE_COLUMNS.map((c) => [c, ''])), ...cells }) as TableRow

describe('measuring text', () => {
  it('bold is wider, capitals wider than small letters, unknown characters a full em', () => {
    expect(textWidthEm('MX-002', { bold: true })).toBeGreaterThan(textWidthEm('MX-002'))
    expect(textWidthEm('WIPO')).toBeGreaterThan(textWidthEm('wipo'))
    expect(textWidthEm('中文')).toBe(2)
    expect(longestWordEm('a Recommendation b')).toBe(textWidthEm('Recommendation'))
  })

  it('wraps at spaces, keeps line breaks, and splits a word longer than the line', () => {
    const word = textWidthEm('word')
    expect(wrappedLines('word word word', 100)).toBe(1)
    expect(wrappedLines('word word word', word * 2 + 0.5)).toBe(2)
    expect(wrappedLines('word\nword', 100)).toBe(2)
    expect(wrappedLines('', 10)).toBe(1)
    expect(wrappedLines('x'.repeat(30), textWidthEm('x'.repeat(10)))).toBe(3)
  })
})

describe('sharing the page between columns', () => {
  it('shares by weight, no column below its minimum', () => {
    expect(shareOut(1000, [1, 1], [0, 0], [true, true])).toEqual([500, 500])
    expect(shareOut(1000, [0, 1, 3], [200, 100, 100], [false, true, true])).toEqual([200, 200, 600])
    expect(shareOut(1000, [0, 1, 9], [200, 300, 0], [false, true, true])).toEqual([200, 300, 500])
  })

  it('when even the minimums do not fit, only the flexible columns give up room', () => {
    expect(shareOut(1000, [0, 1, 1], [400, 600, 600], [false, true, true])).toEqual([400, 300, 300])
  })

  it('the DOCX table fills the landscape text width and fits its longest id whole', () => {
    const rows = [row({ ID: 'GCCPO-1000', 'Member State': 'GCCPO', Type: 'Technical', Comment: 'Short.' }), row({ ID: 'MX-002', 'Member State': 'MX' })]
    const widths = tableColumnWidths(rows, ENGLISH_HEADERS)
    const total = widths.reduce((a, b) => a + b, 0)
    expect(total).toBeLessThanOrEqual(textWidth('landscape'))
    expect(total).toBeGreaterThan(textWidth('landscape') - TABLE_COLUMNS.length)
    // 9 pt: an em is 180 twips.
    expect(widths[0]).toBeGreaterThan(textWidthEm('GCCPO-1000') * 180)
    expect(minimumWidthsEm(rows, ENGLISH_HEADERS).ID).toBe(textWidthEm('GCCPO-1000'))
    // Headers wrap between words, so "Member State" needs only "Member" in bold.
    expect(minimumWidthsEm(rows, ENGLISH_HEADERS)['Member State']).toBe(textWidthEm('Member', { bold: true }))
    // The comments get the room the empty columns do not need.
    expect(widths[TABLE_COLUMNS.indexOf('Comment')]).toBeGreaterThan(widths[TABLE_COLUMNS.indexOf('Observations')]!)
  })
})
