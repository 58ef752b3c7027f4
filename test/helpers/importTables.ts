import { type CommentApi, commentApi } from './commentApi'
import type { TestServer } from './testServer'
import ExcelJS from 'exceljs'
import { TABLE_COLUMNS } from '../../shared/commentTable'

/**
 * The comment tables the import tests upload: a 100-row table from 7 Member States with bad rows and
 * quotes needing each kind of match, and what each good row must become.
 */
export const CSV = 'text/csv'
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Where a row's quote should land: method, current locator and the words found; or how it is placed without one. */
export interface Placement {
  location: string
  quote: string
  method: 'exact' | 'normalized' | 'fuzzy' | null
  locator?: string
  text?: string
  scope: 'text' | 'recommendation' | 'draft'
}

export const exact = (location: string, quote: string): Placement => ({ location, quote, method: 'exact', locator: location, text: quote, scope: 'text' })

export const PLACEMENTS: Placement[] = [
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
export const needsAnchoring = (p: Placement) => p.scope === 'draft' && !(p.location === 'General' && p.quote === '')

export const ORG_CELLS = ['AU', 'Germany', 'lt', 'MX', 'Mozambique', 'NG', 'Norway']
export const ORGS = ['AU', 'DE', 'LT', 'MX', 'MZ', 'NG', 'NO']
export const TYPE_CELLS = ['Technical', 'te', 'Editorial', 'ED', 'General', 'ge']
export const TYPES = ['technical', 'technical', 'editorial', 'editorial', 'general', 'general']
export const DISPOSITIONS = [
  ['Accepted', 'accepted'],
  ['Accepted with modification', 'accepted-with-modification'],
  ['not accepted', 'not-accepted'],
  ['Noted', 'noted'],
] as const

/** Columns in another order and case, with a column Accord does not know. */
export const HEADER = ['Comment', 'MEMBER STATE', 'type', 'Location', 'Quoted Text', 'ID', 'Page', 'Proposed change', 'Disposition', 'observations', 'Resolved By', 'Resolved on']
export type Cells = Record<(typeof HEADER)[number], string>

export function goodRow(i: number): Cells {
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
export const BAD: Record<number, [Partial<Cells>, RegExp[]]> = {
  11: [{ 'MEMBER STATE': '' }, [/^Member State is missing/]],
  27: [{ type: 'urgent' }, [/^Type "urgent" is unknown/]],
  43: [{ Comment: '' }, [/^Comment is empty/]],
  56: [{ 'MEMBER STATE': 'Narnia' }, [/^Member State "Narnia" is unknown/]],
  70: [{ 'Resolved on': '15/03/2024' }, [/^Resolved on "15\/03\/2024" is not a date: write it as YYYY-MM-DD/]],
  86: [{ Disposition: 'Maybe' }, [/^Disposition "Maybe" is unknown/]],
  95: [{ type: '', Comment: '' }, [/^Type is missing/, /^Comment is empty/]],
  99: [{ observations: 'Too early' }, [/^Observations, Resolved by or Resolved on are filled in but Disposition is empty/]],
}
export const ROWS = 100
/** A blank line after data row 50 shifts the spreadsheet row numbers that follow. */
export const BLANK_AFTER = 50
export const rowNumber = (i: number) => i + 2 + (i > BLANK_AFTER ? 1 : 0)

export function table(options: { withBadRows: boolean }): string[][] {
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


/** The import endpoint of a draft (or its preview). */
export const importPath = (id: string, preview = false) => `/documents/${id}/comments/import${preview ? '/preview' : ''}`
export const goodIndexes = Array.from({ length: ROWS }, (_, i) => i).filter((i) => !BAD[i])

/** An XLSX file's first sheet as rows of cell texts, in the table's column order. */
export async function xlsxCells(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  const rows: string[][] = []
  workbook.worksheets[0]!.eachRow((row) => {
    rows.push(TABLE_COLUMNS.map((_, c) => String(row.getCell(c + 1).value ?? '')))
  })
  return rows
}

/** A chair's API and a new copy of the demo draft to import into. */
export async function importTarget(server: TestServer): Promise<{ chair: CommentApi; documentId: string }> {
  const chair = commentApi(server.url, await server.token('chair', 'Ana Chair', 'NO'))
  const documentId = await server.openDraft('Import target')
  return { chair, documentId }
}
