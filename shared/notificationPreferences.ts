/** The kinds of notification and how a participant wants e-mail about each (kept on the participant's record). */

/** Every kind of event someone may be told about. */
export const NOTIFICATION_KINDS = [
  /** A reply to a comment you made or replied to. */
  'reply',
  /** A chair decided on your comment. */
  'decision',
  /** Your comment's proposed change was put into the text. */
  'applied',
  /** Someone wrote `@Your Name` in a comment or reply. */
  'mention',
  /** A consultation opened on a draft (to everyone). */
  'consultationOpened',
  /** 7 days and 1 day before the deadline, to delegations that have not commented or submitted. */
  'deadlineReminder',
  /** A consultation closed (to everyone). */
  'consultationClosed',
  /** For chairs: a comment entered the committee's record (made or submitted). */
  'newComment',
  /** For the author: the ids of the comments one posted or submitted. */
  'receipt',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

/** How a participant wants e-mail about one kind of event. */
export const EMAIL_CHOICES = ['immediately', 'digest', 'off'] as const
export type EmailChoice = (typeof EMAIL_CHOICES)[number]

/** A participant's e-mail settings: per kind, and when (local time) and where their daily digest goes out. */
export interface NotificationPreferences {
  email: Record<NotificationKind, EmailChoice>
  /** "HH:MM", in `timeZone`. */
  digestTime: string
  /** An IANA time zone, e.g. "Europe/Oslo". */
  timeZone: string
}

/** What a participant gets until they choose otherwise: what concerns their own comments at once, the rest quietly. */
export const DEFAULT_PREFERENCES: NotificationPreferences = {
  email: {
    reply: 'immediately',
    decision: 'immediately',
    applied: 'immediately',
    mention: 'immediately',
    consultationOpened: 'immediately',
    deadlineReminder: 'immediately',
    consultationClosed: 'immediately',
    newComment: 'digest',
    receipt: 'off',
  },
  digestTime: '08:00',
  timeZone: 'UTC',
}

/** The stored preferences completed with the defaults (kinds added later get their default). */
export function preferencesOf(stored: Partial<NotificationPreferences> | undefined): NotificationPreferences {
  return {
    email: { ...DEFAULT_PREFERENCES.email, ...stored?.email },
    digestTime: stored?.digestTime ?? DEFAULT_PREFERENCES.digestTime,
    timeZone: stored?.timeZone ?? DEFAULT_PREFERENCES.timeZone,
  }
}


/** Whether `timeZone` is one the runtime knows (the preferences page offers the browser's list). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone })
    return true
  } catch {
    return false
  }
}
