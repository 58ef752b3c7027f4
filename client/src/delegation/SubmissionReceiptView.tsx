import { useEffect, useId, useRef } from 'react'
import type { SubmissionReceipt } from '../../../shared/types'
import { Trans } from 'react-i18next'
import { useLocale } from '../i18n/useLocale'
import { downloadFile } from '../ui/downloadFile'
import { nameAndOrg } from '../ui/labels'
import { receiptFileName, receiptText, receiptTime } from './receiptText'

/** What a submission did, on screen and as a file to keep: each draft with the public id it now has. */
export function SubmissionReceiptView({ receipt, draftTitle, onDone }: { receipt: SubmissionReceipt; draftTitle: string; onDone: () => void }) {
  const locale = useLocale()
  const { t } = locale
  const headingId = useId()
  // The keyboard (and a screen reader) goes to the receipt: the list it was on is gone.
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  const n = receipt.comments.length
  return (
    <section className="receipt" aria-labelledby={headingId} data-test="submission-receipt">
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        {t('receipt.heading', { count: n })}
      </h3>
      <p data-test="receipt-summary">
        <Trans
          i18nKey={receipt.reference ? 'receipt.summaryTo' : 'receipt.summary'}
          count={n}
          values={{ count: n, by: nameAndOrg(receipt.submittedBy), date: receiptTime(receipt, locale), reference: receipt.reference }}
          components={{ time: <time dateTime={receipt.submittedAt} />, b: <strong /> }}
        />
      </p>
      <table className="data-table receipt-table" data-test="receipt-table">
        <thead>
          <tr>
            <th scope="col">{t('receipt.publicId')}</th>
            <th scope="col">{t('receipt.wasDraft')}</th>
            <th scope="col">{t('column.type')}</th>
            <th scope="col">{t('column.location')}</th>
          </tr>
        </thead>
        <tbody>
          {receipt.comments.map((c) => (
            <tr key={c.id} data-test="receipt-row" data-draft-id={c.draftId}>
              <th scope="row" className="comment-id" data-test="receipt-public-id">
                {c.id}
              </th>
              <td className="comment-id muted">{c.draftId}</td>
              <td>{t(`commentType.${c.type}`)}</td>
              <td>{c.locator}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" className="primary" onClick={() => downloadFile(receiptFileName(receipt), receiptText(receipt, draftTitle, locale))}
          data-test="receipt-download"
        >
          {t('receipt.download')}
        </button>
        <button type="button" onClick={onDone} data-test="receipt-done">
          {t('common.done')}
        </button>
      </div>
    </section>
  )
}
