import { useEffect, useState } from 'react'
import type { DeliveryReport } from '../../../shared/notifications'
import { api } from '../api/http'
import { useLocale } from '../i18n/useLocale'

/** For chairs on the Participants page: whether Accord sends e-mail at all, and e-mails that did not go out. */
export function MailStatus() {
  const { t } = useLocale()
  const [report, setReport] = useState<DeliveryReport | null>(null)
  useEffect(() => {
    api<DeliveryReport>('/notifications/deliveries').then(setReport, () => setReport(null))
  }, [])
  if (!report) return null
  if (!report.emailOn) {
    return (
      <p className="card mail-status" data-test="mail-status" data-email="off">
        {t('mailStatus.off')}
      </p>
    )
  }
  if (report.problems.length === 0) return null
  return (
    <div className="card mail-status" data-test="mail-status" data-email="problems">
      <h2>{t('mailStatus.problemsHeading')}</h2>
      <ul>
        {report.problems.map((p) => (
          <li key={p.id} data-test="delivery-problem">
            {t('mailStatus.problem', {
              name: p.recipient.name,
              email: p.recipient.email ?? t('mailStatus.noAddress'),
              kind: t(`notification.kind.${p.kind}`),
              state: t(p.state === 'failed' ? 'mailStatus.failed' : 'mailStatus.retrying', { count: p.attempts }),
            })}{' '}
            · <span dir="ltr">{p.lastError}</span>
          </li>
        ))}
      </ul>
    </div>
  )
}
