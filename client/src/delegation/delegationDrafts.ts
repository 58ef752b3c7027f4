import { allows, mayBeFocalPoint, type PolicyPrincipal } from '../../../shared/policy'
import type { Comment } from '../../../shared/types'
import { compareLocations } from '../dashboard/commentQuery'

/**
 * The drafts of `org`'s delegation (only its own members are sent them), in document order and, at one
 * place, oldest first: the order submitting numbers them in.
 */
export function delegationDrafts(comments: readonly Comment[], org: string): Comment[] {
  return comments
    .filter((c) => c.status === 'draft' && c.author.org === org)
    .sort((a, b) => compareLocations(a, b) || a.createdAt.localeCompare(b.createdAt))
}

/**
 * Whether a new comment by `me` will be a draft for their focal point to submit, as far as the browser can
 * tell without asking: they are a delegate but not the focal point, and their delegation has drafts or
 * submitted comments, which only a delegation with a focal point has. The server decides; the comment it
 * sends back says for certain.
 */
export function commentsBecomeDrafts(comments: readonly Comment[], me: PolicyPrincipal): boolean {
  if (!mayBeFocalPoint(me) || allows(me, 'comment.submit')) return false
  return comments.some((c) => c.author.org === me.org && (c.status === 'draft' || c.submittedBy !== undefined))
}

/** "…" after the first `max` characters of a comment, on one line. */
export function excerpt(text: string, max = 140): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`
}
