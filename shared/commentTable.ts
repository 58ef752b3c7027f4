import type { CommentType, Disposition } from './types'

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

/** One row of the table, every cell as text. */
export type TableRow = Record<TableColumn, string>

export const TYPE_LABELS: Record<CommentType, string> = {
  general: 'General',
  technical: 'Technical',
  editorial: 'Editorial',
}

/** The ge / te / ed abbreviations of standards bodies. */
export const TYPE_ABBREVIATIONS: Record<CommentType, string> = { general: 'ge', technical: 'te', editorial: 'ed' }

export const DISPOSITION_LABELS: Record<Disposition, string> = {
  accepted: 'Accepted',
  'accepted-with-modification': 'Accepted with modification',
  'not-accepted': 'Not accepted',
  noted: 'Noted',
}
