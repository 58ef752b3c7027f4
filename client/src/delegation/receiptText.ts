import type { SubmissionReceipt } from '../../../shared/types'
import { TYPE_LABEL, nameAndOrg, orgTitle } from '../ui/labels'

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'medium' })

/** When a receipt's submission was made, in the reader's time zone. */
export const receiptTime = (receipt: SubmissionReceipt) => timeFormat.format(new Date(receipt.submittedAt))

/**
 * A submission receipt as plain text, for the focal point to keep or forward: which drafts went to the
 * committee under which public ids, when, by whom, for which consultation. Plain text opens anywhere and
 * pastes into an e-mail as it is.
 */
export function receiptText(receipt: SubmissionReceipt, draftTitle: string): string {
  const rows = receipt.comments.map((c) => [c.id, c.draftId, TYPE_LABEL[c.type], c.locator])
  const header = ['Public id', 'Draft id', 'Type', 'Location']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('   ')
      .trimEnd()
  return [
    'Accord: submission receipt',
    '',
    `Draft:         ${draftTitle}`,
    `Consultation:  ${receipt.reference ?? '(none: submitted outside a consultation)'}`,
    `Delegation:    ${receipt.org} (${orgTitle(receipt.org)})`,
    `Submitted by:  ${nameAndOrg(receipt.submittedBy)}`,
    `Submitted on:  ${receiptTime(receipt)} (${receipt.submittedAt})`,
    `Comments:      ${receipt.comments.length}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
  ].join('\n')
}

/** The file name the receipt is saved as, e.g. "receipt-NO-C.CWS-180-2026-12-01.txt". */
export function receiptFileName(receipt: SubmissionReceipt): string {
  const reference = (receipt.reference ?? receipt.documentId).replace(/[^A-Za-z0-9.-]+/g, '-')
  return `receipt-${receipt.org}-${reference}-${receipt.submittedAt.slice(0, 10)}.txt`
}
