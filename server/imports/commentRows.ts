import { COLUMN_KEYS, TABLE_COLUMNS, type TableColumn, parseLocation, resolverName } from '../../shared/commentTable'
import { COMMENT_ID_PATTERN, LIMITS } from '../../shared/validation'
import type { ImportRow, RowError } from '../../shared/commentImport'
import { fail } from '../../shared/errors'
import { parseDisposition, parseIsoDate, parseOrg, parseType } from './cellValues'
import type { SheetRow } from './readTable'
import { inEveryLanguage, looseKey } from './inEveryLanguage'

/** Most data rows one import may hold. */
export const MAX_IMPORT_ROWS = 5_000
const MAX_LOCATION = 300
const REQUIRED: readonly TableColumn[] = ['Member State', 'Type', 'Comment']

export interface ReadRows {
  rows: ImportRow[]
  errors: RowError[]
  /** Data rows that are not blank. */
  total: number
}

/** Every header a column may have: its name in each of the six languages (a table exported from a French draft says "État membre"). */
const COLUMN_BY_KEY: ReadonlyMap<string, TableColumn> = new Map(
  TABLE_COLUMNS.flatMap((c) => [c, ...inEveryLanguage(`column.${COLUMN_KEYS[c]}`)].map((header) => [looseKey(header), c] as const)),
)

/** Where each known column is (first occurrence wins); unknown columns are ignored. */
function columnPositions(header: readonly string[]): Map<TableColumn, number> {
  const positions = new Map<TableColumn, number>()
  header.forEach((cell, i) => {
    const column = COLUMN_BY_KEY.get(looseKey(cell))
    if (column && !positions.has(column)) positions.set(column, i)
  })
  const missing = REQUIRED.filter((c) => !positions.has(c))
  if (missing.length > 0) {
    fail('import.missingColumns', { missing, columns: [...TABLE_COLUMNS] })
  }
  return positions
}

const tooLong = (column: TableColumn, max: number) => `${column} is longer than ${max} characters: shorten it.`

/** Checks one data row; pushes a reason for every problem, returns the row when there is none. */
function readRow(sheetRow: SheetRow, positions: Map<TableColumn, number>, errors: RowError[]): ImportRow | null {
  const cell = (c: TableColumn) => {
    const at = positions.get(c)
    return at === undefined ? '' : (sheetRow.cells[at] ?? '').trim()
  }
  const problems: string[] = []
  const check = (ok: boolean, reason: string) => {
    if (!ok) problems.push(reason)
  }

  const orgCell = cell('Member State')
  const org = orgCell ? parseOrg(orgCell) : null
  check(orgCell !== '', 'Member State is missing: write a code such as NO or a name such as Norway.')
  check(orgCell === '' || org !== null, `Member State "${orgCell}" is unknown: write an ISO 3166-1 code such as NO, a country name such as Norway, or an organization acronym such as WIPO.`)

  const typeCell = cell('Type')
  const type = parseType(typeCell)
  check(typeCell !== '', 'Type is missing: write General, Technical or Editorial (or ge, te, ed).')
  check(typeCell === '' || type !== null, `Type "${typeCell}" is unknown: write General, Technical or Editorial (or ge, te, ed).`)

  const body = cell('Comment')
  check(body !== '', 'Comment is empty: write the comment or delete the row.')
  check(body.length <= LIMITS.commentBody, tooLong('Comment', LIMITS.commentBody))
  const quote = cell('Quoted text')
  check(quote.length <= LIMITS.quote, tooLong('Quoted text', LIMITS.quote))
  const proposedChange = cell('Proposed change')
  check(proposedChange.length <= LIMITS.proposedChange, tooLong('Proposed change', LIMITS.proposedChange))
  const locator = cell('Location')
  check(locator.length <= MAX_LOCATION, tooLong('Location', MAX_LOCATION))
  const location = parseLocation(locator)

  const dispositionCell = cell('Disposition')
  const disposition = parseDisposition(dispositionCell)
  check(dispositionCell === '' || disposition !== null, `Disposition "${dispositionCell}" is unknown: write Accepted, Accepted with modification, Not accepted or Noted, or leave it empty.`)
  const observations = cell('Observations')
  check(observations.length <= LIMITS.resolutionNote, tooLong('Observations', LIMITS.resolutionNote))
  const resolvedBy = resolverName(cell('Resolved by'))
  check(resolvedBy.length <= LIMITS.name, tooLong('Resolved by', LIMITS.name))
  const resolvedOnCell = cell('Resolved on')
  const resolvedOn = parseIsoDate(resolvedOnCell)
  check(resolvedOnCell === '' || resolvedOn !== null, `Resolved on "${resolvedOnCell}" is not a date: write it as YYYY-MM-DD.`)
  check(
    dispositionCell !== '' || (observations === '' && resolvedBy === '' && resolvedOnCell === ''),
    'Observations, Resolved by or Resolved on are filled in but Disposition is empty: add the Disposition or clear them.',
  )

  if (problems.length > 0 || org === null || type === null) {
    for (const reason of problems) errors.push({ row: sheetRow.row, reason })
    return null
  }
  const id = cell('ID').toUpperCase()
  return {
    row: sheetRow.row,
    ...(COMMENT_ID_PATTERN.test(id) ? { id } : {}),
    org,
    type,
    locator,
    place: location.place,
    markedRemoved: location.textRemoved,
    quote,
    body,
    ...(proposedChange ? { proposedChange } : {}),
    // Observations, Resolved by and Resolved on come only with a Disposition (checked above).
    ...(disposition ? { disposition } : {}),
    ...(observations ? { observations } : {}),
    ...(resolvedBy ? { resolvedBy } : {}),
    ...(resolvedOn ? { resolvedOn } : {}),
  }
}

/**
 * Reads the comment rows of a table: the first non-blank row names the columns (in any order and case);
 * blank rows are skipped; every problem of every row is reported with the row's number.
 */
export function readCommentRows(sheet: readonly SheetRow[]): ReadRows {
  const nonBlank = sheet.filter((r) => r.cells.some((c) => c.trim() !== ''))
  const [header, ...data] = nonBlank
  if (!header) fail('import.empty', { columns: [...TABLE_COLUMNS] })
  const positions = columnPositions(header.cells)
  if (data.length === 0) fail('import.noRows')
  if (data.length > MAX_IMPORT_ROWS) {
    fail('import.tooManyRows', { count: data.length, max: MAX_IMPORT_ROWS })
  }
  const errors: RowError[] = []
  const rows = data.map((r) => readRow(r, positions, errors)).filter((r): r is ImportRow => r !== null)
  return { rows, errors, total: data.length }
}
