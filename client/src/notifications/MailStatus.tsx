import { useEffect, useState } from 'react'
import type { DeliveryReport } from '../../../shared/notifications'
import { KIND_LABELS } from '../../../shared/notificationText'
import { api } from '../api/http'

/** For chairs on the Participants page: whether Accord sends e-mail at all, and e-mails that did not go out. */
export function MailStatus() {
  const [report, setReport] = useState<DeliveryReport | null>(null)
  useEffect(() => {
    api<DeliveryReport>('/notifications/deliveries').then(setReport, () => setReport(null))
  }, [])
  if (!report) return null
  if (!report.emailOn) {
    return (
      <p className="card mail-status" data-test="mail-status" data-email="off">
        E-mail is off (no SMTP_URL): participants see their notifications under the bell in Accord only.
      </p>
    )
  }
  if (report.problems.length === 0) return null
  return (
    <div className="card mail-status" data-test="mail-status" data-email="problems">
      <h2>E-mails not delivered</h2>
      <ul>
        {report.problems.map((p) => (
          <li key={p.id} data-test="delivery-problem">
            {p.recipient.name} ({p.recipient.email ?? 'no address'}): {KIND_LABELS[p.kind].toLowerCase()} ·{' '}
            {p.state === 'failed' ? `given up after ${p.attempts} attempts` : `retrying (${p.attempts} attempts so far)`} · {p.lastError}
          </li>
        ))}
      </ul>
    </div>
  )
}
