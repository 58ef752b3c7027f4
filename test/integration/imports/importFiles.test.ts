import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { formatCsv } from '../../../server/exports/csvFormat'
import type { ImportPreview } from '../../../shared/commentImport'
import { TABLE_COLUMNS } from '../../../shared/commentTable'
import { type CommentApi, commentApi } from '../../helpers/commentApi'
import { testServerForThisFile } from '../../helpers/testServer'
import { CSV, XLSX, importPath, importTarget, table } from '../../helpers/importTables'

const server = testServerForThisFile()

/** Import files of every shape, and every bad upload answered with a clear JSON error. */

let chair: CommentApi
let documentId: string
beforeAll(async () => {
  ;({ chair, documentId } = await importTarget(server()))
})

describe('import files and errors', () => {
  it('reads XLSX with columns in any order, rich text, numbers, date cells and blank rows', async () => {
    const target = await server().openDraft('XLSX target')
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Sheet1')
    sheet.addRow(['Type', 'Member State', 'Comment', 'Quoted text', 'Location', 'Disposition', 'Resolved on', 'Observations', 'ID'])
    sheet.addRow([
      'ge',
      'Nigeria',
      { richText: [{ text: 'Rich ' }, { text: 'text', font: { bold: true } }] },
      'Appoint data owners',
      'Recommendation 3 › Action 1',
      'Noted',
      new Date(Date.UTC(2024, 2, 15)),
      'Fine',
      'NG-007',
    ])
    sheet.addRow(['Technical', 'MZ', 42, '', 'General'])
    sheet.getRow(5).values = ['Editorial', 'Narnia', 'Who?']
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer())

    const res = await chair.upload(importPath(target, true), bytes, XLSX)
    expect(res.status).toBe(200)
    const preview = (await res.json()) as ImportPreview
    expect(preview.rows).toEqual([
      {
        row: 2,
        id: 'NG-007',
        org: 'NG',
        type: 'general',
        locator: 'Recommendation 3 › Action 1',
        place: { kind: 'recommendation', recommendation: 3, action: [1] },
        markedRemoved: false,
        quote: 'Appoint data owners',
        body: 'Rich text',
        disposition: 'noted',
        observations: 'Fine',
        resolvedOn: '2024-03-15',
        match: {
          method: 'exact',
          confidence: 1,
          place: { kind: 'recommendation', recommendation: 3, action: [1] },
          locator: 'Recommendation 3 › Action 1',
          text: 'Appoint data owners',
        },
        needsAnchoring: false,
        textRemoved: false,
        alreadyIn: null,
      },
      {
        row: 3,
        org: 'MZ',
        type: 'technical',
        locator: 'General',
        place: { kind: 'general' },
        markedRemoved: false,
        quote: '',
        body: '42',
        match: null,
        needsAnchoring: false,
        textRemoved: false,
        alreadyIn: null,
      },
    ])
    expect(preview.errors).toEqual([{ row: 5, reason: expect.stringMatching(/^Member State "Narnia" is unknown/) }])
    expect(preview.summary).toEqual({ total: 3, valid: 2, exact: 1, normalized: 0, fuzzy: 0, needsAnchoring: 0, alreadyIn: 0 })
  })

  it('is for chairs only', async () => {
    const csv = formatCsv(table({ withBadRows: false }))
    for (const role of ['editor', 'commenter', 'observer'] as const) {
      const api = commentApi(server().url, await server().token(role))
      for (const preview of [true, false]) {
        const res = await api.upload(importPath(documentId, preview), csv, CSV)
        expect(res.status, role).toBe(403)
        expect(((await res.json()) as { error: string }).error).toMatch(/^Only chairs may do this/)
      }
    }
    const anonymous = await fetch(`${server().url}/api${importPath(documentId, true)}`, { method: 'POST', headers: { 'content-type': CSV }, body: csv })
    expect(anonymous.status).toBe(401)
    const badToken = commentApi(server().url, 'not-a-token')
    expect((await badToken.upload(importPath(documentId, true), csv, CSV)).status).toBe(401)
  })

  it('answers every bad upload with a JSON error that says what to do', async () => {
    const cases: [string, Uint8Array | string, string, number, RegExp][] = [
      ['JSON body', '{}', 'application/json', 415, /Content-Type: text\/csv/],
      ['plain text', 'a,b', 'text/plain', 415, /\.xlsx file/],
      ['no body', '', CSV, 400, /no file/],
      ['BOM only', '\uFEFF', CSV, 422, /^The file is empty/],
      ['no Type column', 'Member State,Comment\r\nNO,Hi\r\n', CSV, 422, /^The table has no "Type" column/],
      ['header only', `${TABLE_COLUMNS.join(',')}\r\n`, CSV, 422, /no comments below it/],
      ['unterminated quote', 'Member State,Type,Comment\r\nNO,ge,"open\r\n', CSV, 422, /never closed/],
      ['not a workbook', 'PK not really a zip', XLSX, 422, /not a readable XLSX file/],
    ]
    for (const [what, body, type, status, message] of cases) {
      const res = await chair.upload(importPath(documentId, true), body, type)
      expect(res.status, what).toBe(status)
      expect(((await res.json()) as { error: string }).error, what).toMatch(message)
    }
    const huge = await chair.upload(importPath(documentId, true), Buffer.alloc(10 * 1024 * 1024 + 1, 0x61), CSV)
    expect(huge.status).toBe(413)
    expect(((await huge.json()) as { error: string }).error).toMatch(/larger than 10 MB/)
    const missing = await chair.upload(importPath('no-such-draft', true), 'Member State,Type,Comment\r\nNO,ge,x\r\n', CSV)
    expect(missing.status).toBe(404)
  })
})

/** Every cell of the first worksheet, as text. */
