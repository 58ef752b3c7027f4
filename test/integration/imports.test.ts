import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoDraftContent } from '../../server/demo/demoDraft'
import { formatCsv } from '../../server/exports/csvFormat'
import { parseCsv } from '../../server/imports/csvParse'
import type { ImportPreview } from '../../shared/commentImport'
import { TABLE_COLUMNS } from '../../shared/commentTable'
import type { Comment } from '../../shared/types'
import { type CommentApi, commentApi } from '../helpers/commentApi'
import { type TestServer, startTestServer } from '../helpers/testServer'
import * as Y from 'yjs'
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import { CONTENT_FIELD } from '../../shared/protocol'
import { draftSchema } from '../../shared/schema/extensions'

const CSV = 'text/csv'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Where a row's quote should land: method, current locator and the words found; or how it is placed without one. */
interface Placement {
  location: string
  quote: string
  method: 'exact' | 'normalized' | 'fuzzy' | null
  locator?: string
  text?: string
  scope: 'text' | 'recommendation' | 'draft'
}

const exact = (location: string, quote: string): Placement => ({ location, quote, method: 'exact', locator: location, text: quote, scope: 'text' })

const PLACEMENTS: Placement[] = [
  exact('Recommendation 1', 'end-to-end electronic processing'),
  exact('Recommendation 1 › Action 2', 'Accept electronic filing for all procedures'),
  exact('Recommendation 2 › Action 3.2', 'lessons learned from large procurement projects'),
  exact('Recommendation 3 › Action 1', 'Appoint data owners'),
  exact('Recommendation 6 › Action 2', 'Train all staff in security awareness every year.'),
  // Changed case and spacing.
  { location: 'Recommendation 1', quote: 'END-TO-END   electronic Processing', method: 'normalized', locator: 'Recommendation 1', text: 'end-to-end electronic processing', scope: 'text' },
  { location: 'Rec 3', quote: 'appoint  DATA owners', method: 'normalized', locator: 'Recommendation 3 › Action 1', text: 'Appoint data owners', scope: 'text' },
  { location: '', quote: 'train all staff in\nsecurity awareness', method: 'normalized', locator: 'Recommendation 6 › Action 2', text: 'Train all staff in security awareness', scope: 'text' },
  // Typos, found within the stated Location however it is written.
  { location: 'Recommendation 1 › Action 2', quote: 'Accept electronc filing for al procedures', method: 'fuzzy', locator: 'Recommendation 1 › Action 2', text: 'Accept electronic filing for all procedures', scope: 'text' },
  { location: 'Rec. 2, action 3.2', quote: 'lessons lerned from large procurment projects', method: 'fuzzy', locator: 'Recommendation 2 › Action 3.2', text: 'lessons learned from large procurement projects', scope: 'text' },
  { location: 'R4 A2', quote: 'Publish aplication programing interfaces', method: 'fuzzy', locator: 'Recommendation 4 › Action 2', text: 'Publish application programming interfaces', scope: 'text' },
  // Not in the draft: a general comment that needs anchoring.
  { location: 'Recommendation 9', quote: 'quantum computing roadmap for patent offices', method: null, scope: 'draft' },
  // No quote: the whole draft, a whole recommendation, or a place only a person can pin down.
  { location: 'General', quote: '', method: null, scope: 'draft' },
  { location: 'Recommendation 4', quote: '', method: null, scope: 'recommendation' },
  { location: 'Recommendation 2 › Action 1', quote: '', method: null, scope: 'draft' },
]
const needsAnchoring = (p: Placement) => p.scope === 'draft' && !(p.location === 'General' && p.quote === '')

const ORG_CELLS = ['AU', 'Germany', 'lt', 'MX', 'Mozambique', 'NG', 'Norway']
const ORGS = ['AU', 'DE', 'LT', 'MX', 'MZ', 'NG', 'NO']
const TYPE_CELLS = ['Technical', 'te', 'Editorial', 'ED', 'General', 'ge']
const TYPES = ['technical', 'technical', 'editorial', 'editorial', 'general', 'general']
const DISPOSITIONS = [
  ['Accepted', 'accepted'],
  ['Accepted with modification', 'accepted-with-modification'],
  ['not accepted', 'not-accepted'],
  ['Noted', 'noted'],
] as const

/** Columns in another order and case, with a column Accord does not know. */
const HEADER = ['Comment', 'MEMBER STATE', 'type', 'Location', 'Quoted Text', 'ID', 'Page', 'Proposed change', 'Disposition', 'observations', 'Resolved By', 'Resolved on']
type Cells = Record<(typeof HEADER)[number], string>

function goodRow(i: number): Cells {
  const p = PLACEMENTS[i % PLACEMENTS.length]!
  const decided = i % 5 === 0 ? DISPOSITIONS[(i / 5) % 4]! : null
  const ids: Record<number, string> = { 0: 'AU-050', 1: 'de-7', 2: 'NO-001', 7: 'AU-050' }
  return {
    Comment: `Comment ${i} from ${ORGS[i % 7]}.`,
    'MEMBER STATE': ORG_CELLS[i % 7]!,
    type: TYPE_CELLS[i % 6]!,
    Location: p.location,
    'Quoted Text': p.quote,
    ID: ids[i] ?? '',
    Page: String(i),
    'Proposed change': i % 4 === 0 ? `Proposed wording ${i}` : '',
    Disposition: decided?.[0] ?? '',
    observations: decided ? `Decision ${i}` : '',
    'Resolved By': decided ? 'Secretariat' : '',
    'Resolved on': decided ? '2024-03-15' : '',
  }
}

/** Rows with problems, by data index, and what the preview must say about them. */
const BAD: Record<number, [Partial<Cells>, RegExp[]]> = {
  11: [{ 'MEMBER STATE': '' }, [/^Member State is missing/]],
  27: [{ type: 'urgent' }, [/^Type "urgent" is unknown/]],
  43: [{ Comment: '' }, [/^Comment is empty/]],
  56: [{ 'MEMBER STATE': 'Narnia' }, [/^Member State "Narnia" is unknown/]],
  70: [{ 'Resolved on': '15/03/2024' }, [/^Resolved on "15\/03\/2024" is not a date: write it as YYYY-MM-DD/]],
  86: [{ Disposition: 'Maybe' }, [/^Disposition "Maybe" is unknown/]],
  95: [{ type: '', Comment: '' }, [/^Type is missing/, /^Comment is empty/]],
  99: [{ observations: 'Too early' }, [/^Observations, Resolved by or Resolved on are filled in but Disposition is empty/]],
}
const ROWS = 100
/** A blank line after data row 50 shifts the spreadsheet row numbers that follow. */
const BLANK_AFTER = 50
const rowNumber = (i: number) => i + 2 + (i > BLANK_AFTER ? 1 : 0)

function table(options: { withBadRows: boolean }): string[][] {
  const records: string[][] = [HEADER]
  for (let i = 0; i < ROWS; i++) {
    const bad = BAD[i]
    if (bad && !options.withBadRows) continue
    const cells = { ...goodRow(i), ...(bad?.[0] ?? {}) }
    records.push(HEADER.map((h) => cells[h]!))
    if (i === BLANK_AFTER && options.withBadRows) records.push([''])
  }
  return records
}

let server: TestServer
let chair: CommentApi
let documentId: string

beforeAll(async () => {
  server = await startTestServer()
  chair = commentApi(server.url, await server.token('chair', 'Ana Chair', 'NO'))
  documentId = (await server.documents.createWithContent('Import target', demoDraftContent())).id
})

afterAll(async () => {
  await server?.stop()
})

const importPath = (id: string, preview = false) => `/documents/${id}/comments/import${preview ? '/preview' : ''}`
const goodIndexes = Array.from({ length: ROWS }, (_, i) => i).filter((i) => !BAD[i])

describe('importing a comment table', () => {
  it('previews 100 rows from 7 Member States: bad rows by number and reason, each quote with its match', async () => {
    const res = await chair.upload(importPath(documentId, true), formatCsv(table({ withBadRows: true })), CSV)
    expect(res.status).toBe(200)
    const preview = (await res.json()) as ImportPreview

    expect(preview.errors).toEqual(
      Object.entries(BAD).flatMap(([i, [, reasons]]) => reasons.map((r) => ({ row: rowNumber(Number(i)), reason: expect.stringMatching(r) }))),
    )
    expect(preview.errors.map((e) => e.row)).toEqual([13, 29, 45, 59, 73, 89, 98, 98, 102])

    expect(preview.rows.map((r) => r.row)).toEqual(goodIndexes.map(rowNumber))
    goodIndexes.forEach((i, k) => {
      const row = preview.rows[k]!
      const p = PLACEMENTS[i % PLACEMENTS.length]!
      const at = `row ${row.row}`
      expect(row.org, at).toBe(ORGS[i % 7])
      expect(row.type, at).toBe(TYPES[i % 6])
      expect([row.locator, row.quote, row.body], at).toEqual([p.location, p.quote, `Comment ${i} from ${ORGS[i % 7]}.`])
      expect(row.needsAnchoring, at).toBe(needsAnchoring(p))
      if (p.method === null) {
        expect(row.match, at).toBeNull()
      } else {
        expect(row.match, at).toMatchObject({ method: p.method, locator: p.locator, text: p.text })
        if (p.method === 'fuzzy') {
          expect(row.match!.confidence, at).toBeGreaterThanOrEqual(0.6)
          expect(row.match!.confidence, at).toBeLessThan(1)
        } else {
          expect(row.match!.confidence, at).toBe(1)
        }
      }
      const decided = i % 5 === 0 ? DISPOSITIONS[(i / 5) % 4]! : null
      expect(row.disposition, at).toBe(decided?.[1])
      expect(row.observations, at).toBe(decided ? `Decision ${i}` : undefined)
      expect(row.resolvedOn, at).toBe(decided ? '2024-03-15' : undefined)
      expect(row.proposedChange, at).toBe(i % 4 === 0 ? `Proposed wording ${i}` : undefined)
    })
    // Typos cost confidence in proportion to the edits.
    const fuzzy = preview.rows.filter((r) => r.match?.method === 'fuzzy')
    expect(new Map(fuzzy.map((r) => [r.quote, r.match!.confidence]))).toEqual(
      new Map([
        ['Accept electronc filing for al procedures', 0.95],
        ['lessons lerned from large procurment projects', 0.96],
        ['Publish aplication programing interfaces', 0.95],
      ]),
    )
    // IDs as written (well-formed ones only, upper-cased).
    expect(preview.rows.slice(0, 3).map((r) => r.id)).toEqual(['AU-050', undefined, 'NO-001'])

    const valid = goodIndexes.map((i) => PLACEMENTS[i % PLACEMENTS.length]!)
    const count = (method: Placement['method']) => valid.filter((p) => p.method === method).length
    expect(preview.summary).toEqual({
      total: ROWS,
      valid: ROWS - Object.keys(BAD).length,
      exact: count('exact'),
      normalized: count('normalized'),
      fuzzy: count('fuzzy'),
      needsAnchoring: valid.filter(needsAnchoring).length,
    })
    expect(preview.summary).toMatchObject({ valid: 92, exact: 35, normalized: 20, fuzzy: 18, needsAnchoring: 9 })
    // The preview creates nothing.
    expect(await chair.comments(documentId)).toEqual([])
  })

  it('creates nothing when any row has a problem, and everything when none has', async () => {
    const rejected = await chair.upload(importPath(documentId), formatCsv(table({ withBadRows: true })), CSV)
    expect(rejected.status).toBe(422)
    const body = (await rejected.json()) as { error: string; errors: { row: number; reason: string }[] }
    expect(body.error).toMatch(/^8 rows have problems, so nothing was imported/)
    expect(body.errors.map((e) => e.row)).toEqual([13, 29, 45, 59, 73, 89, 98, 98, 102])
    expect(await chair.comments(documentId)).toEqual([])

    const res = await chair.upload(importPath(documentId), formatCsv(table({ withBadRows: false })), CSV)
    expect(res.status).toBe(201)
    const { created } = (await res.json()) as { created: Comment[] }
    expect(created).toHaveLength(92)
    const stored = await chair.comments(documentId)
    expect(stored).toHaveLength(92)

    // Ids: a free id of the row's org is kept; malformed, foreign and repeated ones get the org's next id.
    expect(created.slice(0, 3).map((c) => c.id)).toEqual(['AU-050', 'DE-001', 'LT-001'])
    expect(created[goodIndexes.indexOf(7)]!.id).toBe('AU-051')
    expect(new Set(created.map((c) => c.id)).size).toBe(92)

    goodIndexes.forEach((i, k) => {
      const c = created[k]!
      const p = PLACEMENTS[i % PLACEMENTS.length]!
      const org = ORGS[i % 7]!
      expect(c.author).toEqual({ id: `import:${org}`, name: expect.any(String), org })
      expect(c.scope, c.id).toBe(p.scope)
      expect(c.needsAnchoring ?? false, c.id).toBe(needsAnchoring(p))
      if (p.scope === 'text') expect(c.locator, c.id).toBe(p.locator)
      expect(c.history[0]).toMatchObject({ action: 'created', detail: 'imported', by: { id: `import:${org}` } })
      const decided = i % 5 === 0 ? DISPOSITIONS[(i / 5) % 4]! : null
      if (decided) {
        expect(c.status).toBe('resolved')
        expect(c.resolution).toEqual({
          disposition: decided[1],
          note: `Decision ${i}`,
          by: { id: 'import', name: 'Secretariat', org: '' },
          at: '2024-03-15T12:00:00.000Z',
        })
        expect(c.history[1]).toMatchObject({ action: 'resolved', detail: decided[1] })
      } else {
        expect(c.status).toBe('open')
      }
    })
    expect(created.find((c) => c.author.org === 'NO')!.author.name).toBe('Norway')
    expect(created.find((c) => c.scope === 'recommendation')).toMatchObject({ locator: 'Recommendation 4', quote: 'Recommendation 4' })
  })

  it('lets an editor anchor an imported comment that needs anchoring', async () => {
    const editor = commentApi(server.url, await server.token('editor', 'Eda', 'WIPO'))
    const unplaced = (await editor.comments(documentId)).find((c) => c.needsAnchoring && c.quote === '')!
    const res = await editor.post(`/documents/${documentId}/comments/${unplaced.id}/anchor`, {
      anchor: { quote: 'Map each procedure', within: 'Recommendation 1' },
    })
    expect(res.status).toBe(200)
    const anchored = (await res.json()) as Comment
    expect(anchored).toMatchObject({ scope: 'text', locator: 'Recommendation 1 › Action 1', anchorState: 'anchored' })
    expect(anchored.needsAnchoring).toBeUndefined()
  })
})

describe('import files and errors', () => {
  it('reads XLSX with columns in any order, rich text, numbers, date cells and blank rows', async () => {
    const target = (await server.documents.createWithContent('XLSX target', demoDraftContent())).id
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
        quote: 'Appoint data owners',
        body: 'Rich text',
        disposition: 'noted',
        observations: 'Fine',
        resolvedOn: '2024-03-15',
        match: { method: 'exact', confidence: 1, locator: 'Recommendation 3 › Action 1', text: 'Appoint data owners' },
        needsAnchoring: false,
        textRemoved: false,
      },
      { row: 3, org: 'MZ', type: 'technical', locator: 'General', quote: '', body: '42', match: null, needsAnchoring: false, textRemoved: false },
    ])
    expect(preview.errors).toEqual([{ row: 5, reason: expect.stringMatching(/^Member State "Narnia" is unknown/) }])
    expect(preview.summary).toEqual({ total: 3, valid: 2, exact: 1, normalized: 0, fuzzy: 0, needsAnchoring: 0 })
  })

  it('is for chairs only', async () => {
    const csv = formatCsv(table({ withBadRows: false }))
    for (const role of ['editor', 'commenter', 'observer'] as const) {
      const api = commentApi(server.url, await server.token(role))
      for (const preview of [true, false]) {
        const res = await api.upload(importPath(documentId, preview), csv, CSV)
        expect(res.status, role).toBe(403)
        expect(((await res.json()) as { error: string }).error).toMatch(/^Only chairs may do this/)
      }
    }
    const anonymous = await fetch(`${server.url}/api${importPath(documentId, true)}`, { method: 'POST', headers: { 'content-type': CSV }, body: csv })
    expect(anonymous.status).toBe(401)
    const badToken = commentApi(server.url, 'not-a-token')
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
async function xlsxCells(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  const rows: string[][] = []
  workbook.worksheets[0]!.eachRow((row) => {
    rows.push(TABLE_COLUMNS.map((_, c) => String(row.getCell(c + 1).value ?? '')))
  })
  return rows
}

describe('round trip', () => {
  it('exporting a table and importing it into a fresh copy of the draft gives the same table', async () => {
    const original = (await server.documents.createWithContent('Round trip', demoDraftContent())).id
    const as = async (org: string) => commentApi(server.url, await server.token('commenter', `Delegate ${org}`, org))
    const [au, de, lt, mx, mz, ng, no] = await Promise.all(ORGS.map(as))
    const c = {
      general: await de!.comment(original, { type: 'general', body: 'Mention small offices.' }),
      rec: await mx!.comment(original, { type: 'editorial', body: 'Split it.', recommendation: 4 }),
      text: await no!.comment(original, {
        type: 'technical',
        body: 'Two lines,\nwith "quotes".',
        proposedChange: 'end-to-end digital processing',
        anchor: { quote: 'end-to-end electronic processing' },
      }),
      same1: await lt!.comment(original, { type: 'editorial', body: '- starts like a list', anchor: { quote: 'Appoint data owners' } }),
      same2: await au!.comment(original, { type: 'general', body: '=1+1 is text', anchor: { quote: 'Appoint data owners' } }),
      nested: await mz!.comment(original, { type: 'technical', body: 'Add ransomware.', anchor: { quote: 'indicators of compromise;' } }),
      late: await ng!.comment(original, { type: 'general', body: 'Too vague.', anchor: { quote: 'Share the results of pilots' } }),
      gone: await ng!.comment(original, { type: 'general', body: 'Withdrawn.', anchor: { quote: 'Share the results of pilots' } }),
    }
    await ng!.withdraw(original, c.gone.id)
    // An imported comment whose quote is not in the draft keeps its quote while it waits for anchoring.
    const unplaced = 'Member State,Type,Comment,Quoted text,Location\r\nNO,te,Where is this?,words nobody wrote,Recommendation 5\r\n'
    expect((await chair.upload(importPath(original), unplaced, CSV)).status).toBe(201)
    await chair.resolve(original, c.text.id, 'accepted-with-modification', 'Reworded.')
    await chair.resolve(original, c.general.id, 'noted', '')
    await chair.resolve(original, c.nested.id, 'not-accepted', 'Out of scope, see "Recommendation 6".')

    const exported = (await chair.download(`/documents/${original}/comments/export?format=xlsx`)).bytes
    const csv = (await chair.download(`/documents/${original}/comments/export?format=csv`)).bytes.toString('utf8')
    const before = await xlsxCells(exported)
    expect(before).toHaveLength(9)
    // General comments come first, in the order they were made.
    expect(before.slice(1, 3).map((row) => row[0])).toEqual(['DE-001', 'NO-002'])
    expect(before[2]).toEqual(['NO-002', 'NO', 'General', 'Technical', 'words nobody wrote', 'Where is this?', '', '', '', '', ''])

    // XLSX in, XLSX out.
    const copy = (await server.documents.createWithContent('Round trip', demoDraftContent())).id
    expect((await chair.upload(importPath(copy), exported, XLSX)).status).toBe(201)
    const after = await xlsxCells((await chair.download(`/documents/${copy}/comments/export?format=xlsx`)).bytes)
    after.forEach((row, r) => row.forEach((cell, col) => expect(cell, `row ${r + 1}, ${TABLE_COLUMNS[col]}`).toBe(before[r]![col])))
    expect(after).toEqual(before)

    // CSV in, CSV out: byte for byte.
    const copy2 = (await server.documents.createWithContent('Round trip', demoDraftContent())).id
    expect((await chair.upload(importPath(copy2), csv, CSV)).status).toBe(201)
    const csvAfter = (await chair.download(`/documents/${copy2}/comments/export?format=csv`)).bytes.toString('utf8')
    expect(parseCsv(csvAfter)).toEqual(parseCsv(csv))
    expect(csvAfter).toBe(csv)
  })

  it('comments whose words were deleted, and comments an editor re-anchored, come back the same', async () => {
    const original = (await server.documents.createWithContent('Round trip 2', demoDraftContent())).id
    const ng = commentApi(server.url, await server.token('commenter', 'Delegate NG', 'NG'))
    const mz = commentApi(server.url, await server.token('commenter', 'Delegate MZ', 'MZ'))
    const editor = commentApi(server.url, await server.token('editor', 'Ana Silva', 'WIPO'))
    const removed = 'freely available for reuse'
    const orphan = await ng.comment(original, { type: 'technical', body: 'Which licences?', anchor: { quote: removed } })
    const moved = await mz.comment(original, { type: 'editorial', body: 'Tie it to the budget.', anchor: { quote: 'written ICT strategy' } })
    const reanchor = await editor.post(`/documents/${original}/comments/${moved.id}/anchor`, { anchor: { quote: 'business goals' } })
    expect(reanchor.status).toBe(200)

    // An editor deletes the words of the first comment from the draft.
    const room = (await server.registry.acquire(original))!
    try {
      const holder: Y.XmlText[] = []
      const walk = (node: Y.XmlElement | Y.XmlFragment) =>
        node.toArray().forEach((child) => (child instanceof Y.XmlText ? holder.push(child) : child instanceof Y.XmlElement && walk(child)))
      walk(room.doc.getXmlFragment(CONTENT_FIELD))
      const text = holder.find((t) => t.toString().includes(removed))!
      text.delete(text.toString().indexOf(removed), removed.length)
    } finally {
      server.registry.release(room)
    }
    const listed = await chair.comments(original)
    expect(listed.find((c) => c.id === orphan.id)?.anchorState).toBe('orphaned')

    const exported = (await chair.download(`/documents/${original}/comments/export?format=xlsx`)).bytes
    const before = await xlsxCells(exported)
    const rowOf = (id: string) => before.find((row) => row[0] === id)!
    expect(rowOf(orphan.id)[2]).toMatch(/^Recommendation \d+ \(text removed\)$/)
    expect(rowOf(orphan.id)[4]).toBe(removed)
    expect(rowOf(moved.id)[4]).toBe('business goals')

    // A fresh copy of the draft as it is now gets the same table back.
    const current = await (async () => {
      const r = (await server.registry.acquire(original))!
      try {
        return yXmlFragmentToProseMirrorRootNode(r.doc.getXmlFragment(CONTENT_FIELD), draftSchema()).toJSON()
      } finally {
        server.registry.release(r)
      }
    })()
    const copy = (await server.documents.createWithContent('Round trip 2', current)).id
    const preview = await chair.upload(importPath(copy, true), exported, XLSX)
    const previewRows = ((await preview.json()) as ImportPreview).rows
    expect(previewRows.find((r) => r.id === orphan.id)?.textRemoved).toBe(true)
    expect((await chair.upload(importPath(copy), exported, XLSX)).status).toBe(201)
    const after = await xlsxCells((await chair.download(`/documents/${copy}/comments/export?format=xlsx`)).bytes)
    expect(after).toEqual(before)
    const imported = await chair.comments(copy)
    expect(imported.find((c) => c.id === orphan.id)?.anchorState).toBe('orphaned')
  })
})
