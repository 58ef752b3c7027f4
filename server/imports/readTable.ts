import ExcelJS from 'exceljs'
import { fail } from '../../shared/errors'
import { CsvError, parseCsv } from './csvParse'

/** Content types an imported comment table may have. */
export const CSV_TYPE = 'text/csv'
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export type TableFormat = 'csv' | 'xlsx'

/** One row of a spreadsheet: its 1-based number as the spreadsheet shows it, and its cells as text. */
export interface SheetRow {
  row: number
  cells: string[]
}

/** CSV files come as UTF-8 (with or without BOM), UTF-16 with BOM, or the Windows code page Excel uses. */
function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes)
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('windows-1252').decode(bytes)
  }
}

/** Text of an XLSX cell as a person reads it; dates as YYYY-MM-DD. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown }
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('')
    if ('text' in v) return cellText(v.text)
    if ('result' in v) return cellText(v.result)
  }
  return ''
}

async function readXlsx(bytes: Buffer): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    fail('import.unreadableXlsx')
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) fail('import.noWorksheet')
  const rows: SheetRow[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as unknown[]
    rows.push({ row: rowNumber, cells: Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1])) })
  })
  return rows
}

function readCsv(bytes: Buffer): SheetRow[] {
  try {
    return parseCsv(decodeText(bytes))
  } catch (err) {
    if (err instanceof CsvError) fail('import.unreadableCsv', { reason: err.message })
    throw err
  }
}

/** Reads an uploaded table; a file that cannot be read is a 422 saying what to do. */
export async function readTable(bytes: Buffer, format: TableFormat): Promise<SheetRow[]> {
  switch (format) {
    case 'csv':
      return readCsv(bytes)
    case 'xlsx':
      return readXlsx(bytes)
    default: {
      const never: never = format
      throw new Error(`unknown table format ${String(never)}`)
    }
  }
}
