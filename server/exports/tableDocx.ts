import { Paragraph } from 'docx'
import { TABLE_COLUMNS, type TableColumn, type TableRow } from '../../shared/commentTable'
import { COLUMN_WIDTHS, type TableHeaders, UNBROKEN_COLUMNS, rowCells } from './commentTable'
import { minimumWidthsEm, shareOut } from './columnFit'
import { CELL_PADDING, type RunningText, fixedTable, packDocx, pageSection, plainRuns, textWidth, titleParagraph } from './docxCommon'

/** The table's text: 9 pt, in half-points, so that eleven columns fit across a landscape page. */
const TEXT_SIZE = 18
/** One em of that text, in twips. */
const EM = TEXT_SIZE * 10
/** Room for the cell borders and rounding, in twips. */
const SLACK = 30

/**
 * How much of the page a free-text column asks for: its usual width (`COLUMN_WIDTHS`), or less when its
 * cells hold less on average. A table circulated before any decision has empty Disposition and
 * Observations columns, which should not take room from the comments. (The XLSX keeps its usual widths:
 * people type into it.)
 */
function weight(column: TableColumn, rows: readonly TableRow[]): number {
  if (UNBROKEN_COLUMNS.has(column)) return 0
  const average = rows.reduce((sum, row) => sum + row[column].length, 0) / Math.max(1, rows.length)
  return Math.max(1, Math.min(COLUMN_WIDTHS[column], average))
}

/**
 * Column widths in twips: codes, types and dates as wide as their longest value, other columns at least
 * their longest word, and the rest of the page shared out by `weight`.
 */
export function tableColumnWidths(rows: readonly TableRow[], headers: TableHeaders): number[] {
  const minimums = minimumWidthsEm(rows, headers)
  return shareOut(
    textWidth('landscape'),
    TABLE_COLUMNS.map((c) => weight(c, rows)),
    TABLE_COLUMNS.map((c) => Math.ceil(minimums[c] * EM) + 2 * CELL_PADDING + SLACK),
    TABLE_COLUMNS.map((c) => !UNBROKEN_COLUMNS.has(c)),
  )
}

/** The comment table as a DOCX: the draft's title, then one landscape table with a repeating header. */
export function tableDocx(running: RunningText, rows: readonly TableRow[], headers: TableHeaders): Promise<Buffer> {
  const style = { size: TEXT_SIZE }
  const table = fixedTable(
    tableColumnWidths(rows, headers),
    rowCells(headers),
    rows.map((row) => rowCells(row).map((text) => [new Paragraph({ children: plainRuns(text, style) })])),
    style,
  )
  return packDocx(`${running.title}: comments`, [pageSection('landscape', running, [titleParagraph(running.title), table])])
}
