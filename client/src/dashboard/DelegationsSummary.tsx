import { useEffect, useMemo, useState } from 'react'
import type { Comment, Participant } from '../../../shared/types'
import { api } from '../api/http'
import { nameAndOrg, orgTitle } from '../ui/labels'
import { delegationStatuses } from './delegationStatus'

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/**
 * For the chair: each delegation that consolidates its comments through a focal point, and whether it has
 * submitted in this round (when, by whom), so that missing submissions can be chased before the deadline.
 * Shown only when some delegation has a focal point.
 */
export function DelegationsSummary({ comments, round }: { comments: readonly Comment[]; round: number }) {
  const [participants, setParticipants] = useState<Participant[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    api<Participant[]>('/participants').then(setParticipants, (err: Error) => setError(err.message))
  }, [])
  const rows = useMemo(() => (participants ? delegationStatuses(participants, comments, round) : []), [participants, comments, round])
  if (error) {
    return (
      <p className="error" role="alert">
        Could not load the delegations: {error}
      </p>
    )
  }
  if (rows.length === 0) return null
  return (
    <section className="card delegations-summary" aria-labelledby="delegations-heading" data-test="delegations-summary">
      <h2 id="delegations-heading">Delegations</h2>
      <p className="muted">Delegations whose comments reach the committee through a focal point, and their submissions in round {round}.</p>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Delegation</th>
            <th scope="col">Focal point</th>
            <th scope="col">Submission</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.org} data-test="delegation-row" data-org={d.org}>
              <th scope="row">
                <abbr className="org-code" title={orgTitle(d.org)}>
                  {d.org}
                </abbr>{' '}
                {orgTitle(d.org)}
              </th>
              <td>{d.focalPoints.join(', ')}</td>
              <td data-test="delegation-submission">
                {d.last ? (
                  <>
                    <span className="submitted-mark">Submitted</span> {d.submitted} {d.submitted === 1 ? 'comment' : 'comments'}, last on{' '}
                    <time dateTime={d.last.at}>{timeFormat.format(new Date(d.last.at))}</time> by {nameAndOrg(d.last.by)}
                  </>
                ) : (
                  <span className="not-submitted">Not yet submitted</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
