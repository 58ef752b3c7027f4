import type { Comment, Participant, PersonRef } from '../../../shared/types'
import { roundOf } from './commentQuery'

/** Where a delegation with a focal point stands in a round: whether and when it submitted, and who did. */
export interface DelegationStatus {
  org: string
  focalPoints: string[]
  /** Comments of the delegation submitted in the round (those the viewer can see). */
  submitted: number
  /** The latest submission of the round, or null if it has submitted nothing yet. */
  last: { at: string; by: PersonRef } | null
}

/**
 * For each delegation that has a focal point (revoked participants left out), what it has submitted in
 * `round`: submissions are read off the comments themselves (`submittedAt`, `submittedBy`).
 */
export function delegationStatuses(participants: readonly Participant[], comments: readonly Comment[], round: number): DelegationStatus[] {
  const focal = new Map<string, string[]>()
  for (const p of participants) if (p.focalPoint && !p.revokedAt) focal.set(p.org, [...(focal.get(p.org) ?? []), p.name])
  return [...focal]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([org, focalPoints]) => {
      const submitted = comments.filter((c) => c.author.org === org && roundOf(c) === round && c.submittedAt && c.submittedBy)
      const latest = submitted.reduce<Comment | null>((best, c) => (!best || c.submittedAt! > best.submittedAt! ? c : best), null)
      return { org, focalPoints, submitted: submitted.length, last: latest ? { at: latest.submittedAt!, by: latest.submittedBy! } : null }
    })
}
