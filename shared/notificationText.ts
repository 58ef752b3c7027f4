import { DISPOSITION_LABELS } from './commentTable'
import { formatPlace } from './draft/locator'
import type { NotificationFacts, NotificationKind } from './notifications'
import type { PersonRef } from './types'

/** English words for notifications (the bell and the e-mails), until the languages issue lands. */

const who = (p: PersonRef) => (p.org ? `${p.name} (${p.org})` : p.name)

/** A deadline as the reader reads it: in their time zone, named. */
export function formatDeadlineIn(iso: string, timeZone = 'UTC'): string {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return iso
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(at)
}

/** One line that says what happened. */
export function notificationHeadline(facts: NotificationFacts, timeZone = 'UTC'): string {
  switch (facts.kind) {
    case 'reply':
      return `${who(facts.by)} replied to ${facts.comment.id}`
    case 'decision':
      return `Decision on ${facts.comment.id}: ${DISPOSITION_LABELS[facts.disposition]}`
    case 'applied':
      return `The change proposed in ${facts.comment.id} was applied by ${who(facts.by)}`
    case 'mention':
      return `${who(facts.by)} mentioned you in ${facts.comment.id}`
    case 'consultationOpened':
      return `Consultation ${facts.reference} opened: comments until ${formatDeadlineIn(facts.deadline, timeZone)}`
    case 'deadlineReminder':
      return `${facts.daysLeft === 1 ? '1 day' : `${facts.daysLeft} days`} left to comment (${facts.reference}, until ${formatDeadlineIn(facts.deadline, timeZone)})`
    case 'consultationClosed':
      return `Consultation ${facts.reference} closed`
    case 'newComment':
      return `New comment ${facts.comment.id} by ${who(facts.by)}`
    case 'receipt':
      return `${facts.submitted ? 'Submitted' : 'Posted'}: ${facts.comments.map((c) => c.id).join(', ')}`
    default: {
      const never: never = facts
      throw new Error(`unknown notification ${JSON.stringify(never)}`)
    }
  }
}

/** Where the comment is, as the reader reads it ("Recommendation 3 › Action 2", "General"). */
export const placeOfFacts = (facts: NotificationFacts): string | null => ('comment' in facts ? formatPlace(facts.comment.place) : null)

/** What each kind is called on the preferences page and in e-mails. */
export const KIND_LABELS: Record<NotificationKind, string> = {
  reply: 'Replies to your comments and to threads you replied to',
  decision: 'Decisions on your comments',
  applied: 'Your proposed changes applied',
  mention: 'Mentions of you (@name)',
  consultationOpened: 'A consultation opened',
  deadlineReminder: 'Deadline reminders (7 days and 1 day before), while your delegation has not commented',
  consultationClosed: 'A consultation closed',
  newComment: 'New comments (for chairs)',
  receipt: 'Receipts for the comments you post or submit',
}
