import { formatPlace, parsePlace } from './draft/locator'
import english from './i18n/domain/en.json'
import type { Translate } from './i18n/translator'
import type { CommentType, Disposition, Place } from './types'

/**
 * The comment-resolution table that delegations and chairs exchange: its columns, in order, and how
 * types and dispositions are written in it. Exports write exactly these; imports read them back.
 */
export const TABLE_COLUMNS = [
  'ID',
  'Member State',
  'Location',
  'Type',
  'Quoted text',
  'Comment',
  'Proposed change',
  'Disposition',
  'Observations',
  'Resolved by',
  'Resolved on',
] as const
export type TableColumn = (typeof TABLE_COLUMNS)[number]

/**
 * Each column's stable key: the catalogues name it as `column.<key>` in every language (exports write the
 * draft's language; imports read any of them). The English names above are the keys of `TableRow`.
 */
export const COLUMN_KEYS = {
  ID: 'id',
  'Member State': 'memberState',
  Location: 'location',
  Type: 'type',
  'Quoted text': 'quote',
  Comment: 'comment',
  'Proposed change': 'proposedChange',
  Disposition: 'disposition',
  Observations: 'observations',
  'Resolved by': 'resolvedBy',
  'Resolved on': 'resolvedOn',
} as const satisfies Record<TableColumn, string>
export type ColumnKey = (typeof COLUMN_KEYS)[TableColumn]

/** The key of a column named by its English header; undefined for any other text. */
export const columnHeaderKey = (header: string): ColumnKey | undefined =>
  Object.hasOwn(COLUMN_KEYS, header) ? COLUMN_KEYS[header as TableColumn] : undefined

/** A column's header in the language of `t`. */
export const columnHeader = (t: Translate, column: TableColumn): string => t(`column.${COLUMN_KEYS[column]}`)

/** One row of the table, every cell as text. */
export type TableRow = Record<TableColumn, string>

/** English names of the types and dispositions (the English catalogue's), for text made in English only. */
export const TYPE_LABELS: Record<CommentType, string> = english.commentType

/** The ge / te / ed abbreviations of standards bodies. */
export const TYPE_ABBREVIATIONS: Record<CommentType, string> = { general: 'ge', technical: 'te', editorial: 'ed' }

export const DISPOSITION_LABELS: Record<Disposition, string> = english.disposition

/**
 * How the table says a comment's words were deleted from the draft: after its last Location, e.g.
 * "Recommendation 3 › Action 2 (text removed)". An import keeps such a comment as "text removed" at
 * that place instead of attaching it to the same words found elsewhere.
 */
const TEXT_REMOVED_MARK = '(text removed)'

/** The Location cell of a comment at `place`, marked when its words were deleted. */
export function formatLocation(place: Place, textRemoved: boolean): string {
  return textRemoved ? `${formatPlace(place)} ${TEXT_REMOVED_MARK}` : formatPlace(place)
}

/** What a Location cell says: the place it names (`parsePlace`), and whether it carries the mark. */
export function parseLocation(location: string): { place: Place; textRemoved: boolean } {
  const trimmed = location.trim()
  const textRemoved = trimmed.toLowerCase().endsWith(TEXT_REMOVED_MARK)
  return { place: parsePlace(textRemoved ? trimmed.slice(0, -TEXT_REMOVED_MARK.length) : trimmed), textRemoved }
}

/**
 * The "Resolved by" cell of a decision that came in an imported table: the name that table gave, marked
 * as imported, so a table sent back out never presents it as the chair's own decision.
 */
export const importedResolvedBy = (name: string, file: string | null, row: number) =>
  `${name} (imported${file ? ` from ${file}` : ''}, row ${row})`

/** The name in a "Resolved by" cell, without the mark of an earlier import. */
export const resolverName = (cell: string) => cell.replace(/\s*\(imported\b[^)]*\)\s*$/i, '').trim()
