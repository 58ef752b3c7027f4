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

/**
 * How the table says a comment's words were deleted from the draft: after its last Location, e.g.
 * "Recommendation 3 › Action 2 (text removed)". An import keeps such a comment as "text removed" at
 * that place instead of attaching it to the same words found elsewhere.
 */
const TEXT_REMOVED_MARK = '(text removed)'

/** The Location cell of a comment whose words were deleted. */
export const removedLocation = (locator: string) => `${locator} ${TEXT_REMOVED_MARK}`

/** The place named before the mark, if a Location cell carries it; null otherwise. */
export function parseRemovedLocation(location: string): string | null {
  const trimmed = location.trim()
  if (!trimmed.toLowerCase().endsWith(TEXT_REMOVED_MARK)) return null
  return trimmed.slice(0, -TEXT_REMOVED_MARK.length).trim()
}
