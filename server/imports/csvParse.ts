/** A record of a CSV file and its 1-based number (the spreadsheet row it becomes). */
export interface CsvRecord {
  row: number
  cells: string[]
}

export class CsvError extends Error {}

/** The delimiter of the first record: commas, or semicolons / tabs as Excel writes them in some locales. */
function detectDelimiter(text: string): string {
  const seen = new Set<string>()
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === '"') quoted = !quoted
    else if (!quoted && (c === '\r' || c === '\n')) break
    else if (!quoted) seen.add(c)
  }
  return [',', ';', '\t'].find((d) => seen.has(d)) ?? ','
}

/** Undoes the apostrophe `formatCsv` puts before cells that look like formulas. */
function unprotect(cell: string): string {
  return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell
}

/**
 * Reads CSV text (RFC 4180): quoted fields may hold delimiters, quotes ("") and line breaks; records
 * end with CRLF, LF or CR. A leading BOM is ignored. Throws `CsvError` on an unterminated quote.
 */
export function parseCsv(input: string): CsvRecord[] {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input
  const delimiter = detectDelimiter(text)
  const records: CsvRecord[] = []
  let cells: string[] = []
  let field = ''
  let quoted = false
  let line = 1
  let quoteOpenedOnLine = 0
  const endField = () => {
    cells.push(unprotect(field))
    field = ''
  }
  const endRecord = () => {
    endField()
    records.push({ row: records.length + 1, cells })
    cells = []
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else {
          quoted = false
        }
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++
        field += c
      }
    } else if (c === '"' && field === '') {
      quoted = true
      quoteOpenedOnLine = line
    } else if (c === delimiter) {
      endField()
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++
      line++
      endRecord()
    } else {
      field += c
    }
  }
  if (quoted) throw new CsvError(`A quoted field that starts on line ${quoteOpenedOnLine} is never closed: add the closing ".`)
  if (field !== '' || cells.length > 0) endRecord()
  return records
}
