import type { Comment, CommentType } from '../../../shared/types'

/** Which comments by state: one choice, open ones by default. */
export const STATUS_FILTERS = ['open', 'open-and-resolved', 'resolved', 'withdrawn', 'all'] as const
export type StatusFilter = (typeof STATUS_FILTERS)[number]

export interface CommentFilter {
  org: string
  type: CommentType | ''
  status: StatusFilter
  /** A consultation round, as text ('1', '2', …); empty for all. */
  round: string
}

export const DEFAULT_FILTER: CommentFilter = { org: '', type: '', status: 'open', round: '' }

/** Open comments, and the delegation's drafts (which only its own members are sent): both still to be acted on. */
const pending = (c: Comment) => c.status === 'open' || c.status === 'draft'

function matchesStatus(c: Comment, status: StatusFilter): boolean {
  switch (status) {
    case 'open':
      return pending(c)
    case 'open-and-resolved':
      return pending(c) || c.status === 'resolved'
    case 'resolved':
      return c.status === 'resolved'
    case 'withdrawn':
      return c.status === 'withdrawn'
    case 'all':
      return true
    default: {
      const never: never = status
      throw new Error(`unknown status filter ${String(never)}`)
    }
  }
}

/** Whether a comment is shown (in the sidebar and as a highlight). */
export function matchesFilter(c: Comment, f: CommentFilter): boolean {
  if (f.org && c.author.org !== f.org) return false
  if (f.type && c.type !== f.type) return false
  if (f.round && String(c.round ?? 1) !== f.round) return false
  return matchesStatus(c, f.status)
}
