import { CsvError as LibraryCsvError, parse } from 'csv-parse/sync'

/** A record of a CSV file and its 1-based number (the spreadsheet row it becomes). */
export interface CsvRecord {
  row: number
  cells: string[]
}

export class CsvError extends Error {}

const DELIMITERS = [',', ';', '\t'] as const

/**
 * The delimiter of the file, from its first record: the candidate found most often outside quotes
 * (Excel writes semicolons or tabs in some locales; a header such as "Comment, notes;Type" has both).
 */
function detectDelimiter(text: string): string {
  const counts = new Map<string, number>()
  let quoted = false
  for (const c of text) {
    if (c === '"') quoted = !quoted
    else if (!quoted && (c === '\r' || c === '\n')) break
    else if (!quoted && (DELIMITERS as readonly string[]).includes(c)) counts.set(c, (counts.get(c) ?? 0) + 1)
  }
  return DELIMITERS.reduce((best, d) => ((counts.get(d) ?? 0) > (counts.get(best) ?? 0) ? d : best), ',')
}

/** The line on which the quote that is never closed opens (quotes inside quoted fields come in pairs). */
function lineOfUnclosedQuote(text: string): number {
  let line = 1
  let quoted = false
  let openedOn = 1
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '"') {
      quoted = !quoted
      if (quoted) openedOn = line
    } else if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++
  }
  return openedOn
}

/** Undoes the apostrophe `formatCsv` puts before cells that look like formulas. */
function unprotect(cell: string): string {
  return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell
}

/**
 * Reads CSV text (RFC 4180, with csv-parse): quoted fields may hold delimiters, quotes ("") and line
 * breaks; records end with CRLF, LF or CR; records may differ in length; blank lines are kept (a record
 * of one empty cell), so record numbers are spreadsheet rows. A leading BOM is ignored. Throws
 * `CsvError` saying where, on an unterminated quote or other damage.
 */
export function parseCsv(input: string): CsvRecord[] {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input
  let rows: string[][]
  try {
    rows = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: false,
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as string[][]
  } catch (err) {
    if (!(err instanceof LibraryCsvError)) throw err
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new CsvError(`A quoted field that starts on line ${lineOfUnclosedQuote(text)} is never closed: add the closing ".`)
    }
    throw new CsvError(err.message)
  }
  return rows.map((cells, i) => ({ row: i + 1, cells: cells.map(unprotect) }))
}
