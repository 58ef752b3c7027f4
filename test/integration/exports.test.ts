import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COLUMN_WIDTHS, UNBROKEN_COLUMNS } from '../../server/exports/commentTable'
import { parseCsv } from '../../server/imports/csvParse'
import { TABLE_COLUMNS } from '../../shared/commentTable'
import { type CommentApi, commentApi } from '../helpers/commentApi'
import { textAt } from '../helpers/draftDoc'
import { docxPart, docxTables, paragraphs } from '../helpers/officeFiles'
import { type TestServer, startTestServer } from '../helpers/testServer'

const TITLE = 'ICT Recommendations – "draft" / v2'
const FILE_STEM = 'ICT%20Recommendations%20%E2%80%93%20draft%20v2'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

let server: TestServer
let chair: CommentApi
let observer: CommentApi
let documentId: string
/** The table the exports must contain, row by row. */
let expected: string[][]

beforeAll(async () => {
  server = await startTestServer()
  documentId = await server.openDraft(TITLE)
  const as = async (role: 'chair' | 'commenter' | 'observer', name: string, org: string) =>
    commentApi(server.url, await server.token(role, name, org))
  chair = await as('chair', 'Ana Chair', 'NO')
  observer = await as('observer', 'Olga Observer', 'WIPO')
  const no = await as('commenter', 'Nora', 'NO')
  const de = await as('commenter', 'Dieter', 'DE')
  const mx = await as('commenter', 'María', 'MX')
  const lt = await as('commenter', 'Lina', 'LT')
  const au = await as('commenter', 'Alex', 'AU')

  const no1 = await no.comment(documentId, {
    type: 'technical',
    body: 'Say "digital", not electronic,\nthroughout.',
    proposedChange: 'end-to-end digital processing',
    anchor: { quote: 'end-to-end electronic processing' },
  })
  const de1 = await de.comment(documentId, { type: 'general', body: 'The draft should mention small offices.' })
  await mx.comment(documentId, { type: 'editorial', body: 'Split this recommendation in two.', recommendation: 2 })
  const lt1 = await lt.comment(documentId, {
    type: 'editorial',
    body: '=SUM(A1) is not a formula here',
    anchor: { quote: 'lessons learned from large procurement projects' },
  })
  const au1 = await au.comment(documentId, { type: 'technical', body: 'Taken back.', anchor: { quote: 'Appoint data owners' } })
  // Withdrawn comments are left out of the table: it has no column to say so.
  await au.withdraw(documentId, au1.id)
  await no.comment(documentId, { type: 'general', body: 'Data stewards, rather.', anchor: { quote: 'Appoint data owners' } })

  const r1 = await chair.resolve(documentId, no1.id, 'accepted-with-modification', 'Reworded to "digital".')
  const r2 = await chair.resolve(documentId, de1.id, 'noted', '')
  const r3 = await chair.resolve(documentId, lt1.id, 'not-accepted', 'Kept.')
  const day = (c: typeof r1) => c.resolution!.at.slice(0, 10)
  expected = [
    ['DE-001', 'DE', 'General', 'General', '', 'The draft should mention small offices.', '', 'Noted', '', 'Ana Chair', day(r2)],
    [
      'NO-001',
      'NO',
      'Recommendation 1',
      'Technical',
      'end-to-end electronic processing',
      'Say "digital", not electronic,\nthroughout.',
      'end-to-end digital processing',
      'Accepted with modification',
      'Reworded to "digital".',
      'Ana Chair',
      day(r1),
    ],
    ['MX-001', 'MX', 'Recommendation 2', 'Editorial', '', 'Split this recommendation in two.', '', '', '', '', ''],
    [
      'LT-001',
      'LT',
      'Recommendation 2 › Action 3.2',
      'Editorial',
      'lessons learned from large procurement projects',
      '=SUM(A1) is not a formula here',
      '',
      'Not accepted',
      'Kept.',
      'Ana Chair',
      day(r3),
    ],
    ['NO-002', 'NO', 'Recommendation 3 › Action 1', 'General', 'Appoint data owners', 'Data stewards, rather.', '', '', '', '', ''],
  ]
})

afterAll(async () => {
  await server?.stop()
})

const tablePath = (format: string) => `/documents/${documentId}/comments/export?format=${format}`

describe('comment-resolution table export', () => {
  it('XLSX: bold frozen header, widths, wrapped text, autofilter, and every cell', async () => {
    const { res, bytes } = await chair.download(tablePath('xlsx'))
    expect(res.headers.get('content-type')).toBe(XLSX)
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="ICT Recommendations \? draft v2 - comments\.xlsx"/)
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${FILE_STEM}%20-%20comments.xlsx`)

    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]!
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.autoFilter).toBe('A1:K6')
    const header = sheet.getRow(1)
    TABLE_COLUMNS.forEach((column, i) => {
      expect(header.getCell(i + 1).value).toBe(column)
      expect(header.getCell(i + 1).font?.bold).toBe(true)
      // Codes and dates get the width of their longest value; the others at least their usual width.
      const width = sheet.getColumn(i + 1).width!
      if (UNBROKEN_COLUMNS.has(column)) expect(width).toBeGreaterThanOrEqual(Math.max(...expected.map((row) => row[i]!.length)))
      else expect(width).toBeGreaterThanOrEqual(COLUMN_WIDTHS[column])
    })
    expect(sheet.rowCount).toBe(expected.length + 1)
    expected.forEach((cells, r) => {
      cells.forEach((cell, c) => {
        const got = sheet.getRow(r + 2).getCell(c + 1)
        expect(got.value ?? '', `row ${r + 2}, ${TABLE_COLUMNS[c]}`).toBe(cell)
        expect(got.alignment?.wrapText).toBe(true)
      })
    })
  })

  it('CSV: RFC 4180, UTF-8 with BOM, CRLF, quoted where needed', async () => {
    const { res, bytes } = await chair.download(tablePath('csv'))
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${FILE_STEM}%20-%20comments.csv`)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.toString('utf8')
    expect(text.slice(1).startsWith(`${TABLE_COLUMNS.join(',')}\r\n`)).toBe(true)
    expect(text.endsWith('\r\n')).toBe(true)
    expect(text).toContain('NO-001,NO,Recommendation 1,Technical,end-to-end electronic processing,"Say ""digital"", not electronic,\nthroughout.",')
    // A cell that looks like a formula is defused for spreadsheets.
    expect(text).toContain(",'=SUM(A1) is not a formula here,")
    // Lines outside quoted fields end with CRLF only.
    expect(text.replace(/"(?:[^"]|"")*"/g, '')).not.toMatch(/[^\r]\n/)
    expect(parseCsv(text).map((r) => r.cells)).toEqual([[...TABLE_COLUMNS], ...expected])
  })

  it('DOCX: a landscape table under the draft title, cell by cell', async () => {
    const { res, bytes } = await chair.download(tablePath('docx'))
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${FILE_STEM}%20-%20comments.docx`)
    const xml = await docxPart(bytes)
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/)
    expect(paragraphs(xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, ''))[0]).toBe(TITLE)
    expect(xml).toContain('<w:pStyle w:val="Title"/>')
    expect(docxTables(xml)).toEqual([[[...TABLE_COLUMNS], ...expected]])
    expect(xml).toContain('<w:tblHeader/>')
  })

  it('observers may export; strangers may not; unknown formats get a 400 naming the formats', async () => {
    const { bytes } = await observer.download(tablePath('csv'))
    expect(parseCsv(bytes.toString('utf8'))).toHaveLength(expected.length + 1)
    expect((await fetch(`${server.url}/api${tablePath('csv')}`)).status).toBe(401)
    for (const format of ['pdf', '']) {
      const res = await observer.get(tablePath(format))
      expect(res.status).toBe(400)
      expect(((await res.json()) as { error: string }).error).toMatch(/one of xlsx, csv, docx/)
    }
    const missing = await observer.get(`/documents/${documentId}/comments/export`)
    expect(missing.status).toBe(400)
    expect(((await missing.json()) as { error: string }).error).toMatch(/No format given/)
    expect((await observer.get('/documents/nope/comments/export?format=csv')).status).toBe(404)
  })
})

describe('draft export', () => {
  const draftPath = (format: string) => `/documents/${documentId}/export?format=${format}`

  it('DOCX lays the recommendations out as "Recommendations | Recommended Actions", with live edits', async () => {
    // An edit the server holds in memory (not yet written) is in the export.
    const room = (await server.drafts.acquire(documentId))!
    try {
      textAt(room.doc).insert(0, 'Live edit. ')
    } finally {
      server.drafts.release(room)
    }
    const { res, bytes } = await observer.download(draftPath('docx'))
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${FILE_STEM}.docx`)
    const xml = await docxPart(bytes)
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/)
    const [table, ...others] = docxTables(xml)
    expect(others).toEqual([])
    expect(table).toHaveLength(11)
    expect(table![0]).toEqual(['Recommendations', 'Recommended Actions'])
    expect(table![1]).toEqual([
      'Recommendation 1\nOffices should move their core procedures to end-to-end electronic processing, from filing to publication and renewal.',
      [
        'Map each procedure for every type of IP right and remove steps that exist only because of paper files.',
        'Accept electronic filing for all procedures and make it the default channel for applicants.',
        'Review procedures that differ between types of IP right and, where possible, align them.',
      ].join('\n'),
    ])
    expect(table![10]![0]).toMatch(/^Recommendation 10\nOffices should explore emerging technologies/)
    const text = paragraphs(xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, ''))
    expect(text.slice(0, 3)).toEqual([TITLE, 'Introduction', expect.stringMatching(/^Live edit\. This draft sets out/)])
  })

  it('Markdown and HTML are served as attachments with their types', async () => {
    const md = await observer.download(draftPath('md'))
    expect(md.res.headers.get('content-type')).toBe('text/markdown; charset=utf-8')
    expect(md.res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${FILE_STEM}.md`)
    const markdown = md.bytes.toString('utf8')
    expect(markdown.startsWith('# ICT Recommendations – "draft" / v2\n\n## Introduction\n\nLive edit. This draft')).toBe(true)
    expect(markdown).toContain('**Recommendation 10.** Offices should explore emerging technologies')

    const html = await observer.download(draftPath('html'))
    expect(html.res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const page = html.bytes.toString('utf8')
    expect(page).toContain('<h1>ICT Recommendations – &#34;draft&#34; / v2</h1>')
    expect(page.match(/<tr><td><p><strong>Recommendation \d+<\/strong>/g)).toHaveLength(10)
  })

  it('unknown formats get a 400; strangers a 401', async () => {
    const res = await observer.get(draftPath('pdf'))
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: string }).error).toMatch(/one of docx, md, html/)
    expect((await fetch(`${server.url}/api${draftPath('md')}`)).status).toBe(401)
  })
})
