/** UTF-8 byte order mark: without it Excel reads a CSV file in the local legacy code page. */
export const BOM = '\uFEFF'

/**
 * Cells that spreadsheet programs would run as formulas ("CSV injection"). They get a leading
 * apostrophe, which spreadsheets hide and `parseCsv` removes again; cells that already start with
 * apostrophes before such a character get one more, so reading back is lossless.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/

/** Escapes one field per RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** RFC 4180 CSV: CRLF after every record (the last included), UTF-8 with a BOM. */
export function formatCsv(records: readonly (readonly string[])[]): string {
  return BOM + records.map((cells) => `${cells.map(csvField).join(',')}\r\n`).join('')
}
