import { stringify } from 'csv-stringify/sync'

/** UTF-8 byte order mark: without it Excel reads a CSV file in the local legacy code page. */
export const BOM = '\uFEFF'

/**
 * Cells that spreadsheet programs would run as formulas ("CSV injection"). They get a leading
 * apostrophe, which spreadsheets hide and `parseCsv` removes again; cells that already start with
 * apostrophes before such a character get one more, so reading back is lossless.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/

/** RFC 4180 CSV (csv-stringify): quoted where needed, CRLF after every record (the last included), UTF-8 with a BOM. */
export function formatCsv(records: readonly (readonly string[])[]): string {
  const safe = records.map((cells) => cells.map((value) => (FORMULA_START.test(value) ? `'${value}` : value)))
  return BOM + stringify(safe, { record_delimiter: '\r\n', quoted_match: /[\r\n]/ })
}
