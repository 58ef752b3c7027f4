import { orgName } from '../../../shared/countries'
import { DISPOSITION_LABELS, TYPE_ABBREVIATIONS, TYPE_LABELS } from '../../../shared/commentTable'
import type { Comment, CommentStatus, Resolution, Role } from '../../../shared/types'

export const ROLE_LABEL: Record<Role, string> = {
  chair: 'Chair',
  editor: 'Editor',
  commenter: 'Commenter',
  observer: 'Observer',
}

/** Type and disposition wording is the comment-resolution table's, so screen and exports agree. */
export const TYPE_LABEL = TYPE_LABELS
export const TYPE_SHORT = TYPE_ABBREVIATIONS

export const STATUS_LABEL: Record<CommentStatus, string> = {
  open: 'Open',
  resolved: 'Resolved',
  withdrawn: 'Withdrawn',
  draft: 'Delegation draft',
}

export const DISPOSITION_LABEL = DISPOSITION_LABELS

/**
 * What a comment's status badge says: the decision once there is one; for a delegation's draft, who can
 * see it (its members must not mistake it for a comment the committee has).
 */
export function statusBadge(c: Pick<Comment, 'status' | 'resolution' | 'author'>): string {
  if (c.status === 'draft') return `Draft · visible to ${c.author.org} only`
  return c.status === 'resolved' && c.resolution ? DISPOSITION_LABEL[c.resolution.disposition] : STATUS_LABEL[c.status]
}

/** "Norway" for NO; the code itself when unknown. */
export function orgTitle(org: string): string {
  return orgName(org) ?? org
}

/** "Name (ORG)", or the name alone when the org is not known (a decision imported from a table). */
export const nameAndOrg = (person: { name: string; org: string }) => (person.org ? `${person.name} (${person.org})` : person.name)

/**
 * Who a decision is from: the chair who made it, or for one that came in an imported table, that it was
 * imported (from which file and row, by whom) and the name the table gives: never presented as the
 * importing chair's own decision.
 */
export function decisionSource(resolution: Resolution): string {
  const { imported } = resolution
  if (!imported) return nameAndOrg(resolution.by)
  const file = imported.file ? ` from ${imported.file}` : ''
  return `Imported${file}, row ${imported.row}, by ${nameAndOrg(imported.by)}; the table names ${resolution.by.name}`
}
