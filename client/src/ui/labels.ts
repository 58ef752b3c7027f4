import { orgName } from '../../../shared/countries'
import { DISPOSITION_LABELS, TYPE_ABBREVIATIONS, TYPE_LABELS } from '../../../shared/commentTable'
import type { CommentStatus, Role } from '../../../shared/types'

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

/** "Norway" for NO; the code itself when unknown. */
export function orgTitle(org: string): string {
  return orgName(org) ?? org
}

/** "Name (ORG)", or the name alone when the org is not known (a decision imported from a table). */
export const nameAndOrg = (person: { name: string; org: string }) => (person.org ? `${person.name} (${person.org})` : person.name)
