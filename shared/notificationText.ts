import { DEFAULT_LANGUAGE, type Language, intlLocale } from './i18n/languages'
import { sharedTranslate } from './i18n/sharedTranslate'
import type { Translate } from './i18n/translator'
import type { NotificationFacts } from './notifications'
import type { PersonRef } from './types'

/** Words for notifications (the bell and the e-mails), from the shared catalogues (`notification.*`). */

const who = (p: PersonRef) => (p.org ? `${p.name} (${p.org})` : p.name)

/** A deadline as the reader reads it: in their language and time zone, named. */
export function formatDeadlineIn(iso: string, timeZone = 'UTC', language: Language = DEFAULT_LANGUAGE): string {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return iso
  const options = { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' } as const
  return new Intl.DateTimeFormat(intlLocale(language), options).format(at)
}

/**
 * One line that says what happened, in `language` (English unless said): `t` is that language's
 * translation function; the browser passes its own, which knows the shared words too.
 */
export function notificationHeadline(facts: NotificationFacts, timeZone = 'UTC', language: Language = DEFAULT_LANGUAGE, t: Translate = sharedTranslate(language)): string {
  const deadline = (iso: string) => formatDeadlineIn(iso, timeZone, language)
  switch (facts.kind) {
    case 'reply':
      return t('notification.headline.reply', { who: who(facts.by), id: facts.comment.id })
    case 'decision':
      return t('notification.headline.decision', { id: facts.comment.id, disposition: t(`disposition.${facts.disposition}`) })
    case 'applied':
      return t('notification.headline.applied', { who: who(facts.by), id: facts.comment.id })
    case 'mention':
      return t('notification.headline.mention', { who: who(facts.by), id: facts.comment.id })
    case 'consultationOpened':
      return t('notification.headline.consultationOpened', { reference: facts.reference, deadline: deadline(facts.deadline) })
    case 'deadlineReminder':
      return t('notification.headline.deadlineReminder', { count: facts.daysLeft, reference: facts.reference, deadline: deadline(facts.deadline) })
    case 'consultationClosed':
      return t('notification.headline.consultationClosed', { reference: facts.reference })
    case 'newComment':
      return t('notification.headline.newComment', { id: facts.comment.id, who: who(facts.by) })
    case 'receipt':
      return t(facts.submitted ? 'notification.headline.receiptSubmitted' : 'notification.headline.receiptPosted', {
        ids: facts.comments.map((c) => c.id).join(', '),
      })
    default: {
      const never: never = facts
      throw new Error(`unknown notification ${JSON.stringify(never)}`)
    }
  }
}
