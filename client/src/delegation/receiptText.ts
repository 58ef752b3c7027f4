import { intlLocale } from '../../../shared/i18n/languages'
import type { SubmissionReceipt } from '../../../shared/types'
import type { Locale } from '../i18n/useLocale'
import { nameAndOrg } from '../ui/labels'

/** What the receipt is written with: the reader's language and its formats. */
type Words = Pick<Locale, 't' | 'language' | 'orgTitle'>

/** When a receipt's submission was made, in the reader's time zone and language. */
export const receiptTime = (receipt: SubmissionReceipt, { language }: Pick<Locale, 'language'>) =>
  new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'long', timeStyle: 'medium' }).format(new Date(receipt.submittedAt))

/**
 * A submission receipt as plain text, for the focal point to keep or forward: which drafts went to the
 * committee under which public ids, when, by whom, for which consultation. Plain text opens anywhere and
 * pastes into an e-mail as it is. Written in the reader's language; the ids and the time as the server
 * recorded it stay as they are.
 */
export function receiptText(receipt: SubmissionReceipt, draftTitle: string, words: Words): string {
  const { t } = words
  const rows = receipt.comments.map((c) => [c.id, c.draftId, t(`commentType.${c.type}`), c.locator])
  const header = [t('receipt.publicId'), t('receipt.draftId'), t('column.type'), t('column.location')]
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('   ')
      .trimEnd()
  const fields: [string, string][] = [
    [t('receipt.draft'), draftTitle],
    [t('receipt.consultation'), receipt.reference ?? t('receipt.noConsultation')],
    [t('receipt.delegation'), `${receipt.org} (${words.orgTitle(receipt.org)})`],
    [t('receipt.submittedBy'), nameAndOrg(receipt.submittedBy)],
    [t('receipt.submittedOn'), `${receiptTime(receipt, words)} (${receipt.submittedAt})`],
    [t('receipt.comments'), String(receipt.comments.length)],
  ]
  const labelWidth = Math.max(...fields.map(([label]) => label.length)) + 2
  return [
    t('receipt.title'),
    '',
    ...fields.map(([label, value]) => `${label.padEnd(labelWidth)}${value}`),
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
