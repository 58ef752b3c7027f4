import ExcelJS from 'exceljs'
import { TABLE_COLUMNS, type TableColumn, type TableRow } from '../../shared/commentTable'
import { COLUMN_WIDTHS, type TableHeaders, UNBROKEN_COLUMNS, rowCells } from './commentTable'
import { minimumWidthsEm } from './columnFit'
import { DEFAULT_LANGUAGE } from '../../shared/i18n/languages'
import { sharedTranslate } from '../../shared/i18n/sharedTranslate'
import type { RunningText } from './docxCommon'
import { wrappedLines } from './textMetrics'

/**
 * A unit of column width is the width of a digit in the sheet's font: Excel's Calibri, or LibreOffice's
 * stand-in for it, which is also the font text is measured in (DejaVu Sans, textMetrics.ts), whose digits
 * are 0.636 em. A little less than that allows for Excel rounding the unit down to whole pixels.
 */
const EM_PER_CHARACTER = 0.6
/** The cell's own margins and grid line, and a gap before the next column's text, in ems. */
const CELL_MARGIN_EM = 0.8
/** Height of one line of 11 pt text, in points (Excel's default row height). */
const LINE_HEIGHT = 15
/** Paper size code for A4 in SpreadsheetML. */
const A4 = 9
/** The workbook's default font, named: a font without a name is shown in a serif face by LibreOffice. */
const FONT = { name: 'Calibri', size: 11 }

const widthEm = (characters: number) => characters * EM_PER_CHARACTER - CELL_MARGIN_EM
const characters = (em: number) => Math.ceil((em + CELL_MARGIN_EM) / EM_PER_CHARACTER)

/** Column widths in characters: `COLUMN_WIDTHS`, widened where a code, date or word would not fit. */
function columnWidths(rows: readonly TableRow[], headers: TableHeaders): Record<TableColumn, number> {
  const minimums = minimumWidthsEm(rows, headers)
  const widths = {} as Record<TableColumn, number>
  for (const c of TABLE_COLUMNS) widths[c] = UNBROKEN_COLUMNS.has(c) ? characters(minimums[c]) : Math.max(COLUMN_WIDTHS[c], characters(minimums[c]))
  return widths
}

/**
 * Spreadsheets do not grow rows to fit wrapped text when they open a file (LibreOffice draws the lines
 * over the next row), so each row gets the height of its tallest cell as laid out in its column.
 */
function fitHeight(row: ExcelJS.Row, cells: readonly string[], widths: Record<TableColumn, number>, bold: boolean): void {
  const lines = Math.max(1, ...cells.map((text, i) => wrappedLines(text, widthEm(widths[TABLE_COLUMNS[i]!]), { bold })))
  if (lines > 1) row.height = lines * LINE_HEIGHT
}

/** Header and footer text codes take "&" as the start of a code: a literal one is doubled. */
const headerText = (text: string) => text.replaceAll('&', '&&')

/**
 * The comment table as an XLSX workbook: bold frozen header row, widths, wrapped text, autofilter; printed
 * landscape on A4, scaled to the page width, with the header row, the title and the date on every page.
 */
export async function tableXlsx(running: RunningText, rows: readonly TableRow[], headers: TableHeaders): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Accord'
  workbook.title = running.title
  const sheet = workbook.addWorksheet('Comments', {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
    pageSetup: {
      paperSize: A4,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
      // Without its grid a printed table is columns of loose text.
      showGridLines: true,
      margins: { left: 0.4, right: 0.4, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddHeader: `&L${headerText(running.title)}&R${running.date}`,
      // "Page &P of &N" in the table's language (&P and &N are Excel's page fields).
      oddFooter: `&C${sharedTranslate(running.language ?? DEFAULT_LANGUAGE)('export.page', { current: '&P', total: '&N' })}`,
    },
  })
  const widths = columnWidths(rows, headers)
  sheet.columns = TABLE_COLUMNS.map((column) => ({
    header: headers[column],
    key: column,
    width: widths[column],
    style: { alignment: { wrapText: true, vertical: 'top' } },
  }))
  const header = sheet.getRow(1)
  header.font = { ...FONT, bold: true }
  fitHeight(header, rowCells(headers), widths, true)
  // Every value is written as a string so nothing a delegate typed can become a formula or a number.
  for (const row of rows) {
    const cells = rowCells(row)
    fitHeight(sheet.addRow(cells), cells, widths, false)
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: TABLE_COLUMNS.length } }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
