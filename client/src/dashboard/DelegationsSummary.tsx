import { useEffect, useMemo, useState } from 'react'
import type { Comment, Participant } from '../../../shared/types'
import { api } from '../api/http'
import { Trans } from 'react-i18next'
import { useLocale } from '../i18n/useLocale'
import { nameAndOrg } from '../ui/labels'
import { delegationStatuses } from './delegationStatus'

/**
 * For the chair: each delegation that consolidates its comments through a focal point, and whether it has
 * submitted in this round (when, by whom), so that missing submissions can be chased before the deadline.
 * Shown only when some delegation has a focal point.
 */
export function DelegationsSummary({ comments, round }: { comments: readonly Comment[]; round: number }) {
  const { t, orgTitle, dateTime } = useLocale()
  const [participants, setParticipants] = useState<Participant[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    api<Participant[]>('/participants').then(setParticipants, (err: Error) => setError(err.message))
  }, [])
  const rows = useMemo(() => (participants ? delegationStatuses(participants, comments, round) : []), [participants, comments, round])
  if (error) {
    return (
      <p className="error" role="alert">
        {t('delegations.loadError', { error })}
      </p>
    )
  }
  if (rows.length === 0) return null
  return (
    <section className="card delegations-summary" aria-labelledby="delegations-heading" data-test="delegations-summary">
      <h2 id="delegations-heading">{t('delegations.heading')}</h2>
      <p className="muted">{t('delegations.intro', { round })}</p>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('delegations.delegation')}</th>
            <th scope="col">{t('participants.focalPoint')}</th>
            <th scope="col">{t('delegations.submission')}</th>
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
                  <Trans
                    i18nKey="delegations.submitted"
                    count={d.submitted}
                    values={{ count: d.submitted, date: dateTime(d.last.at), by: nameAndOrg(d.last.by) }}
                    components={{ mark: <span className="submitted-mark" />, time: <time dateTime={d.last.at} /> }}
                  />
                ) : (
                  <span className="not-submitted">{t('delegations.notSubmitted')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
