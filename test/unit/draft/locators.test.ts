import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { PREAMBLE_LOCATOR, formatLocator, parseLocator, placeIsWithin } from '../../../shared/draft/locator'
import { placeAt, plainText } from '../../../shared/draft/positionIndex'
import { findExact } from '../../../shared/draft/quoteSearch'
import { doc as draftDoc, recommendation } from '../../../server/documents/draftJson'
import { draftStateFromJson } from '../../../server/documents/draftState'
import { demoDraftContent } from '../../../server/demo/demoDraft'
import { fragmentOf, indexOf, richDraft, ydocFrom } from '../../helpers/draftFixtures'

/** Recommendation numbering, locators ("Recommendation 3 › Action 2") and their parsing. */

describe('recommendation numbering and locators', () => {
  const d = ydocFrom(demoDraftContent())
  const index = indexOf(d)
  const locatorOf = (quote: string, occurrence = 1) => {
    const r = findExact(index, quote, occurrence)
    if (!r) throw new Error(`"${quote}" is not in the draft`)
    return formatLocator(placeAt(index, r.from))
  }

  it('numbers recommendations in document order', () => {
    expect(index.recommendations).toHaveLength(10)
    const statements = index.recommendations.map((el) => {
      const statement = el.toArray()[0] as Y.XmlElement
      return plainText(statement.toArray()[0] as Y.XmlText)
    })
    expect(statements[0]).toMatch(/^Offices should move their core procedures/)
    expect(statements[2]).toMatch(/^Offices should govern their data/)
    expect(statements[9]).toMatch(/^Offices should explore emerging technologies/)
    expect(locatorOf('govern their data as a strategic asset')).toBe('Recommendation 3')
  })

  it('names actions, nested actions, headings and the preamble', () => {
    expect(locatorOf('Measure data quality with published indicators')).toBe('Recommendation 3 › Action 2')
    expect(locatorOf('Map each procedure')).toBe('Recommendation 1 › Action 1')
    expect(locatorOf('Take part in a forum of offices')).toBe('Recommendation 2 › Action 3')
    expect(locatorOf('lessons learned from large procurement')).toBe('Recommendation 2 › Action 3.2')
    expect(locatorOf('indicators of compromise')).toBe('Recommendation 6 › Action 3.1')
    expect(locatorOf('Share the results of pilots')).toBe('Recommendation 10 › Action 4')
    expect(locatorOf('This draft sets out recommendations')).toBe('Introduction')
    expect(locatorOf('Introduction')).toBe('Introduction')

    const rich = indexOf(ydocFrom(richDraft()))
    const at = (q: string) => formatLocator(placeAt(rich, findExact(rich, q)!.from))
    expect(at('Preamble with')).toBe(PREAMBLE_LOCATOR)
    expect(at('A plain bullet')).toBe('Scope') // a bullet outside recommendations is no action
    expect(at('line two')).toBe('Scope')
    expect(at('by date.')).toBe('Recommendation 1 › Action 2.2')
    expect(at('Offer APIs.')).toBe('Recommendation 3 › Action 2') // the empty recommendation 2 still counts
    expect(at('Closing words.')).toBe('Recommendations')
    // The empty recommendation: a position inside it, although it holds no text.
    const empty = rich.recommendations[1]!
    expect(formatLocator(placeAt(rich, rich.elementStart.get(empty)! + 1))).toBe('Recommendation 2')
  })

  it('renumbers when a recommendation is inserted before others', () => {
    const e = ydocFrom(demoDraftContent())
    const update = draftStateFromJson(draftDoc(recommendation('A new first recommendation.', ['Its action.'])))
    const scratch = new Y.Doc()
    Y.applyUpdate(scratch, update)
    const fresh = (fragmentOf(scratch).get(0) as Y.XmlElement).clone()
    fragmentOf(e).insert(4, [fresh])
    const after = indexOf(e)
    expect(formatLocator(placeAt(after, findExact(after, 'Its action.')!.from))).toBe('Recommendation 1 › Action 1')
    expect(formatLocator(placeAt(after, findExact(after, 'Measure data quality')!.from))).toBe('Recommendation 4 › Action 2')
  })
})

describe('parseLocator', () => {
  it.each([
    ['Recommendation 3 › Action 2', { recommendation: 3, action: [2] }],
    ['Recommendation 3 > Action 2', { recommendation: 3, action: [2] }],
    ['Rec. 3, action 2.1', { recommendation: 3, action: [2, 1] }],
    ['R3 A2', { recommendation: 3, action: [2] }],
    ['r3a2', null],
    ['Recommendation 3', { recommendation: 3, action: [] }],
    ['recommendation 10, actions 4', { recommendation: 10, action: [4] }],
    ['Recommendations 2', { recommendation: 2, action: [] }],
    ['Rec 7 - Act. 1.2.3', { recommendation: 7, action: [1, 2, 3] }],
    ['  RECOMMENDATION 12 › ACTION 1 ', { recommendation: 12, action: [1] }],
    ['General', null],
    ['Introduction', null],
    ['', null],
    ['Paragraph 4', null],
  ])('%j', (text, expected) => {
    expect(parseLocator(text)).toEqual(expected)
  })

  it('reads back every locator formatLocator writes', () => {
    for (const place of [
      { recommendation: 1, action: [], heading: null },
      { recommendation: 4, action: [2], heading: 'Recommendations' },
      { recommendation: 10, action: [3, 1], heading: null },
    ]) {
      const parsed = parseLocator(formatLocator(place))
      expect(parsed).toEqual({ recommendation: place.recommendation, action: place.action })
      expect(placeIsWithin(place, parsed!)).toBe(true)
    }
    expect(parseLocator(formatLocator({ recommendation: null, action: [], heading: null }))).toBeNull()
    expect(placeIsWithin({ recommendation: 4, action: [2, 1], heading: null }, { recommendation: 4, action: [2] })).toBe(true)
    expect(placeIsWithin({ recommendation: 4, action: [1], heading: null }, { recommendation: 4, action: [2] })).toBe(false)
    expect(placeIsWithin({ recommendation: 4, action: [], heading: null }, { recommendation: 4, action: [2] })).toBe(false)
  })
})
