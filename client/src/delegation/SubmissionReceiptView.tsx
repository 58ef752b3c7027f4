import { useEffect, useId, useRef } from 'react'
import type { SubmissionReceipt } from '../../../shared/types'
import { downloadFile } from '../ui/downloadFile'
import { TYPE_LABEL, nameAndOrg } from '../ui/labels'
import { receiptFileName, receiptText, receiptTime } from './receiptText'

/** What a submission did, on screen and as a file to keep: each draft with the public id it now has. */
export function SubmissionReceiptView({ receipt, draftTitle, onDone }: { receipt: SubmissionReceipt; draftTitle: string; onDone: () => void }) {
  const headingId = useId()
  // The keyboard (and a screen reader) goes to the receipt: the list it was on is gone.
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  const n = receipt.comments.length
  return (
    <section className="receipt" aria-labelledby={headingId} data-test="submission-receipt">
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        {n} {n === 1 ? 'comment' : 'comments'} submitted
      </h3>
      <p data-test="receipt-summary">
        Submitted by {nameAndOrg(receipt.submittedBy)} on <time dateTime={receipt.submittedAt}>{receiptTime(receipt)}</time>
        {receipt.reference ? (
          <>
            {' '}
            to <strong>{receipt.reference}</strong>
          </>
        ) : null}
        . The committee sees {n === 1 ? 'it under this id' : 'them under these ids'}; your delegation&rsquo;s replies and stances stay with you.
      </p>
      <table className="data-table receipt-table" data-test="receipt-table">
        <thead>
          <tr>
            <th scope="col">Public id</th>
            <th scope="col">Was draft</th>
            <th scope="col">Type</th>
            <th scope="col">Location</th>
          </tr>
        </thead>
        <tbody>
          {receipt.comments.map((c) => (
            <tr key={c.id} data-test="receipt-row" data-draft-id={c.draftId}>
              <th scope="row" className="comment-id" data-test="receipt-public-id">
                {c.id}
              </th>
              <td className="comment-id muted">{c.draftId}</td>
              <td>{TYPE_LABEL[c.type]}</td>
              <td>{c.locator}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" className="primary" onClick={() => downloadFile(receiptFileName(receipt), receiptText(receipt, draftTitle))} data-test="receipt-download">
          Download receipt
        </button>
        <button type="button" onClick={onDone} data-test="receipt-done">
          Done
        </button>
      </div>
    </section>
  )
}
