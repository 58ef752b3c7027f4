import { TABLE_COLUMNS, columnHeader, formatLocation, importedResolvedBy, type TableColumn, type TableRow } from '../../shared/commentTable'
import type { Translate } from '../../shared/i18n/translator'
import type { Resolution, StoredComment } from '../../shared/types'

/** The header row's text per column, in one language. */
export type TableHeaders = Record<TableColumn, string>

/** The headers in the language of `t` (the draft's: a French draft's table reads "État membre"). */
export const tableHeaders = (t: Translate): TableHeaders =>
  Object.fromEntries(TABLE_COLUMNS.map((column) => [column, columnHeader(t, column)])) as TableHeaders

/**
 * The rows of the comment-resolution table, in the order given (`CommentService.list` gives document
 * order, general comments first).
 *
 * Withdrawn comments are left out: the table has no status column, so a withdrawn comment would read as
 * one still awaiting a decision, and importing the table would bring it back as an open comment.
 * Comments on a whole recommendation quote nothing: their Location names the recommendation. Imported
 * comments still waiting to be anchored keep the quote their table gave. A comment an editor re-anchored
 * quotes the words it was re-anchored to (its quote, as on screen), and one whose words were deleted says so
 * in its Location: importing the table into a copy of the draft then gives the same table back. Types and
 * dispositions are written in the language of `t` (the draft's); imports read them in any language.
 */
export function commentTableRows(comments: readonly StoredComment[], t: Translate): TableRow[] {
  return comments
    .filter((c) => c.status !== 'withdrawn')
    .map((c) => ({
      ID: c.id,
      'Member State': c.author.org,
      Location: formatLocation(c.place, c.anchorState === 'orphaned'),
      Type: t(`commentType.${c.type}`),
      'Quoted text': c.scope === 'recommendation' ? '' : c.quote,
      Comment: c.body,
      'Proposed change': c.proposedChange ?? '',
      Disposition: c.resolution ? t(`disposition.${c.resolution.disposition}`) : '',
      Observations: c.resolution?.note ?? '',
      'Resolved by': resolvedBy(c.resolution),
      'Resolved on': c.resolution ? c.resolution.at.slice(0, 10) : '',
    }))
}

/** Who decided; a decision from an imported table says so, with its file and row. */
function resolvedBy(resolution: Resolution | undefined): string {
  if (!resolution) return ''
  const { by, imported } = resolution
  return imported ? importedResolvedBy(by.name, imported.file, imported.row) : by.name
}

/** The rows as arrays of cells in column order. */
export function rowCells(row: TableRow): string[] {
  return TABLE_COLUMNS.map((column) => row[column])
}

/**
 * Column widths in characters (XLSX; relative widths in DOCX): long texts get room, the rest stays narrow.
 * Their sum keeps a landscape A4 print of the XLSX at about 80 % (it is scaled to the page width).
 */
export const COLUMN_WIDTHS: Record<TableColumn, number> = {
  ID: 10,
  'Member State': 9,
  Location: 18,
  Type: 11,
  'Quoted text': 24,
  Comment: 36,
  'Proposed change': 24,
  Disposition: 14,
  Observations: 24,
  'Resolved by': 14,
  'Resolved on': 11,
}

/**
 * Codes, types and dates: their columns are made as wide as their longest value, since a wrapped
 * "MX-002" or "2025-03-14" reads as two values. Only the headers above them may wrap, between words.
 */
export const UNBROKEN_COLUMNS: ReadonlySet<TableColumn> = new Set<TableColumn>(['ID', 'Member State', 'Type', 'Resolved on'])
