import type { Comment, CommentStatus, CommentType } from '../../../shared/types'

export interface CommentFilter {
  org: string
  type: CommentType | ''
  status: CommentStatus | ''
  showResolved: boolean
}

export const DEFAULT_FILTER: CommentFilter = { org: '', type: '', status: '', showResolved: false }

/**
 * Whether a comment is shown (in the sidebar and as a highlight). With no status chosen, open comments
 * show and resolved ones only when "Show resolved" is on; withdrawn ones only when asked for.
 */
export function matchesFilter(c: Comment, f: CommentFilter): boolean {
  if (f.org && c.author.org !== f.org) return false
  if (f.type && c.type !== f.type) return false
  if (f.status) return c.status === f.status
  return c.status === 'open' || (c.status === 'resolved' && f.showResolved)
}
