import { orgName } from '../../../shared/countries'
import type { CommentStatus, CommentType, Disposition, Role } from '../../../shared/types'

export const ROLE_LABEL: Record<Role, string> = {
  chair: 'Chair',
  editor: 'Editor',
  commenter: 'Commenter',
  observer: 'Observer',
}

export const TYPE_LABEL: Record<CommentType, string> = {
  general: 'General',
  technical: 'Technical',
  editorial: 'Editorial',
}

/** The ge / te / ed abbreviations of standards bodies. */
export const TYPE_SHORT: Record<CommentType, string> = { general: 'ge', technical: 'te', editorial: 'ed' }

export const STATUS_LABEL: Record<CommentStatus, string> = {
  open: 'Open',
  resolved: 'Resolved',
  withdrawn: 'Withdrawn',
}

export const DISPOSITION_LABEL: Record<Disposition, string> = {
  accepted: 'Accepted',
  'accepted-with-modification': 'Accepted with modification',
  'not-accepted': 'Not accepted',
  noted: 'Noted',
}

/** "Norway" for NO; the code itself when unknown. */
export function orgTitle(org: string): string {
  return orgName(org) ?? org
}
