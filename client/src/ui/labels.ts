import type { Translate } from '../../../shared/i18n/translator'
import type { Comment, Resolution } from '../../../shared/types'

/**
 * What a comment's status badge says: the decision once there is one; for a delegation's draft, who can
 * see it (its members must not mistake it for a comment the committee has).
 */
export function statusBadge(t: Translate, c: Pick<Comment, 'status' | 'resolution' | 'author'>): string {
  if (c.status === 'draft') return t('comments.draftVisibleTo', { org: c.author.org })
  return c.status === 'resolved' && c.resolution ? t(`disposition.${c.resolution.disposition}`) : t(`status.${c.status}`)
}

/** "Name (ORG)", or the name alone when the org is not known (a decision imported from a table). */
export const nameAndOrg = (person: { name: string; org: string }) => (person.org ? `${person.name} (${person.org})` : person.name)

/**
 * Who a decision is from: the chair who made it, or for one that came in an imported table, that it was
 * imported (from which file and row, by whom) and the name the table gives: never presented as the
 * importing chair's own decision.
 */
export function decisionSource(t: Translate, resolution: Resolution): string {
  const { imported } = resolution
  if (!imported) return nameAndOrg(resolution.by)
  return t('comments.importedDecision', {
    ...(imported.file ? { context: 'file', file: imported.file } : {}),
    row: imported.row,
    by: nameAndOrg(imported.by),
    name: resolution.by.name,
  })
}
