import ExcelJS from 'exceljs'
import { TABLE_COLUMNS, type TableRow } from '../../shared/commentTable'
import { COLUMN_WIDTHS, rowCells } from './commentTable'

/** The comment table as an XLSX workbook: bold frozen header row, widths, wrapped text, autofilter. */
export async function tableXlsx(title: string, rows: readonly TableRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Accord'
  workbook.title = title
  const sheet = workbook.addWorksheet('Comments', { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] })
  sheet.columns = TABLE_COLUMNS.map((column) => ({
    header: column,
    key: column,
    width: COLUMN_WIDTHS[column],
    style: { alignment: { wrapText: true, vertical: 'top' } },
  }))
  sheet.getRow(1).font = { bold: true }
  // Every value is written as a string so nothing a delegate typed can become a formula or a number.
  for (const row of rows) sheet.addRow(rowCells(row))
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: TABLE_COLUMNS.length } }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
