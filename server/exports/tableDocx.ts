import { Paragraph } from 'docx'
import { TABLE_COLUMNS, type TableRow } from '../../shared/commentTable'
import { COLUMN_WIDTHS, rowCells } from './commentTable'
import { fullWidthTable, packDocx, pageSection, plainRuns, titleParagraph } from './docxCommon'

/** The comment table as a DOCX: the draft's title, then one landscape table with a repeating header. */
export function tableDocx(title: string, rows: readonly TableRow[]): Promise<Buffer> {
  const table = fullWidthTable(
    'landscape',
    TABLE_COLUMNS.map((c) => COLUMN_WIDTHS[c]),
    TABLE_COLUMNS,
    rows.map((row) => rowCells(row).map((text) => [new Paragraph({ children: plainRuns(text) })])),
  )
  return packDocx(`${title}: comments`, [pageSection('landscape', [titleParagraph(title), table])])
}
