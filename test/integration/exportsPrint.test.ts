import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TABLE_COLUMNS } from '../../shared/commentTable'
import { type CommentApi, commentApi } from '../helpers/commentApi'
import { docxPart, officeRendering, packageParts, renderedPages } from '../helpers/officeFiles'
import { type TestServer, startTestServer } from '../helpers/testServer'

/**
 * The files delegations print: a long comment table as DOCX and XLSX, and the draft as DOCX. Their
 * print settings are checked in the files themselves; where LibreOffice is installed they are also
 * rendered to PDF and read back page by page (set KEEP_PDF to a folder to keep the PDFs and look).
 */

const TITLE = 'ICT Strategy – draft for circulation'
const TODAY = '2025-03-14'
/** Enough comments for the table to run over several pages. */
const COMMENTS = 80
const ORGS = ['MX', 'NO', 'GCCPO', 'DE'] as const
const TYPES = ['general', 'technical', 'editorial'] as const
/** A4 landscape less 1.27 cm at each side, in twips. */
const LANDSCAPE_TEXT_WIDTH = 16_838 - 2 * 720

let server: TestServer
let chair: CommentApi
let documentId: string
let ids: string[]
let files: { tableDocx: Buffer; tableXlsx: Buffer; draftDocx: Buffer }

beforeAll(async () => {
  server = await startTestServer({ memory: true, now: () => new Date(`${TODAY}T09:30:00Z`) })
  documentId = await server.openDraft(TITLE)
  chair = commentApi(server.url, await server.token('chair', 'Ana Chair', 'NO'))
  const delegates = await Promise.all(ORGS.map(async (org) => commentApi(server.url, await server.token('commenter', `Delegate ${org}`, org))))
  ids = []
  for (let i = 0; i < COMMENTS; i++) {
    const c = await delegates[i % ORGS.length]!.comment(documentId, {
      type: TYPES[i % TYPES.length],
      recommendation: (i % 10) + 1,
      // Some comments run over several lines, so rows differ in height.
      body: `Comment ${i + 1}: the wording should follow the agreed terminology. `.repeat((i % 4) + 1).trim(),
      ...(i % 2 === 0 ? { proposedChange: 'Offices should move all procedures to end-to-end digital processing.' } : {}),
    })
    ids.push(c.id)
    if (i % 3 === 0) await chair.resolve(documentId, c.id, 'accepted-with-modification', 'Reworded as agreed at the meeting.')
  }
  const download = async (path: string) => (await chair.download(`/documents/${documentId}/${path}`)).bytes
  files = {
    tableDocx: await download('comments/export?format=docx'),
    tableXlsx: await download('comments/export?format=xlsx'),
    draftDocx: await download('export?format=docx'),
  }
})

afterAll(async () => {
  await server?.stop()
})

/** The XML of every header or footer part of a DOCX, joined. */
async function runningParts(bytes: Buffer, kind: 'header' | 'footer'): Promise<string> {
  const parts = (await packageParts(bytes)).filter((p) => new RegExp(`^word/${kind}\\d*\\.xml$`).test(p))
  expect(parts.length, `${kind} parts`).toBeGreaterThan(0)
  return (await Promise.all(parts.map((p) => docxPart(bytes, p)))).join('\n')
}

async function expectRunningText(bytes: Buffer): Promise<void> {
  const header = await runningParts(bytes, 'header')
  expect(header).toContain(TITLE)
  expect(header).toContain(TODAY)
  const footer = await runningParts(bytes, 'footer')
  expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/)
  expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/)
}

describe('the files say how to print them', () => {
  it('DOCX table: landscape, fixed column widths on the page, 9 pt, a repeating header row, title, date and page numbers', async () => {
    const xml = await docxPart(files.tableDocx)
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/)
    const table = /<w:tbl>[\s\S]*<\/w:tbl>/.exec(xml)![0]
    expect(table).toContain('<w:tblLayout w:type="fixed"/>')
    const grid = Array.from(table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g), (m) => Number(m[1]))
    expect(grid).toHaveLength(TABLE_COLUMNS.length)
    const total = grid.reduce((a, b) => a + b, 0)
    expect(table).toContain(`<w:tblW w:type="dxa" w:w="${total}"/>`)
    expect(total).toBeLessThanOrEqual(LANDSCAPE_TEXT_WIDTH)
    expect(total).toBeGreaterThan(LANDSCAPE_TEXT_WIDTH - 50)
    // The longest id, "GCCPO-080", at 9 pt needs well over 9 × 0.5 em of 180 twips, besides the cell margins.
    expect(grid[0]).toBeGreaterThan(9 * 0.5 * 180)
    // Free-text columns are wider than the codes.
    const column = (name: (typeof TABLE_COLUMNS)[number]) => grid[TABLE_COLUMNS.indexOf(name)]!
    expect(column('Comment')).toBeGreaterThan(column('ID'))
    // Every run in the table is 9 pt (18 half-points).
    const runProperties = Array.from(table.matchAll(/<w:rPr>[\s\S]*?<\/w:rPr>/g), (m) => m[0])
    expect(runProperties.length).toBeGreaterThan(COMMENTS * TABLE_COLUMNS.length)
    for (const rPr of runProperties) expect(rPr).toContain('<w:sz w:val="18"/>')
    // Only the first row repeats.
    expect(table.match(/<w:tblHeader\/>/g)).toHaveLength(1)
    expect(/<w:tr>[\s\S]*?<\/w:tr>/.exec(table)![0]).toContain('<w:tblHeader/>')
    await expectRunningText(files.tableDocx)
  })

  it('XLSX table: landscape A4 one page wide, header row on every page, rows as tall as their wrapped text', async () => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(files.tableXlsx as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]!
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 })
    expect(sheet.pageSetup.printTitlesRow).toBe('1:1')
    expect(sheet.headerFooter.oddHeader).toContain(TITLE)
    expect(sheet.headerFooter.oddHeader).toContain(TODAY)
    expect(sheet.headerFooter.oddFooter).toContain('Page &P of &N')
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    const header = sheet.getRow(1)
    expect(header.font).toMatchObject({ bold: true, name: 'Calibri' })
    // Codes and dates are not wrapped: their columns hold them whole.
    const idColumn = sheet.getColumn(1)
    expect(idColumn.width).toBeGreaterThanOrEqual(Math.max(...ids.map((id) => id.length)))
    // Rows are as tall as their wrapped text: the longer the comment, the taller. The rows are in document
    // order, so they are found by id: the 4th comment has four sentences, the 2nd two, neither a proposal.
    const rowOf = new Map<string, number>()
    sheet.getColumn(1).eachCell((cell, row) => rowOf.set(String(cell.value), row))
    const height = (i: number) => sheet.getRow(rowOf.get(ids[i]!)!).height ?? 0
    expect(height(1)).toBeGreaterThan(2 * 15)
    expect(height(3)).toBeGreaterThan(height(1))
    const commentColumn = TABLE_COLUMNS.indexOf('Comment') + 1
    expect(sheet.getRow(rowOf.get(ids[3]!)!).getCell(commentColumn).alignment?.wrapText).toBe(true)
  })

  it('draft DOCX: title, date and page numbers on every page', async () => {
    await expectRunningText(files.draftDocx)
  })
})

const rendering = officeRendering()
if (rendering.missing) console.warn(`Not rendering exports to PDF: ${rendering.missing}.`)
else if (rendering.calcMissing) console.warn(`Not rendering the XLSX table to PDF: ${rendering.calcMissing}.`)

describe.skipIf(rendering.missing !== null)('printed by LibreOffice', () => {
  let pages: Record<string, string[]>
  beforeAll(async () => {
    pages = await renderedPages({
      'table.docx': files.tableDocx,
      'draft.docx': files.draftDocx,
      ...(rendering.calcMissing ? {} : { 'sheet.xlsx': files.tableXlsx }),
    })
  }, 180_000)

  /** Checks the pages of a rendered comment table. */
  function expectPrintedTable(printed: string[]): void {
    expect(printed.length).toBeGreaterThan(1)
    const text = printed.join('\n')
    // Each id whole on one line: a column too narrow shows "GCCPO-" on one line and "003" on the next.
    for (const id of ids) expect(text).toMatch(new RegExp(`(^|\\s)${id}(\\s|$)`, 'm'))
    // The header row is printed again on every page, above its first comment.
    const anyId = new RegExp(`(^|\\s)(${ids.join('|')})(\\s|$)`)
    printed.forEach((page, i) => {
      const lines = page.split('\n')
      const top = lines.slice(0, lines.findIndex((line) => anyId.test(line))).join('\n')
      for (const word of ['ID', 'Location', 'Type', 'Disposition', 'Observations']) expect(top, `page ${i + 1}`).toMatch(new RegExp(`\\b${word}\\b`))
    })
    expectRunningPages(printed)
  }

  function expectRunningPages(printed: string[]): void {
    printed.forEach((page, i) => {
      expect(page, `page ${i + 1}`).toContain(`Page ${i + 1} of ${printed.length}`)
      expect(page, `page ${i + 1}`).toContain(TITLE)
      expect(page, `page ${i + 1}`).toContain(TODAY)
    })
  }

  it('DOCX table: ids unbroken, the header row on every page, page numbers, title and date', () => {
    expectPrintedTable(pages['table.docx']!)
  })

  it.skipIf(rendering.calcMissing !== null)('XLSX table: ids unbroken, the header row on every page, page numbers, title and date', () => {
    expectPrintedTable(pages['sheet.xlsx']!)
  })

  it('draft DOCX: every page numbered and headed with the title and date', () => {
    const printed = pages['draft.docx']!
    expect(printed.length).toBeGreaterThan(1)
    expectRunningPages(printed)
    expect(printed.join('\n')).toContain('Recommendation 10')
  })
})
