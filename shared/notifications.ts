import type { EmailChoice, NotificationKind, NotificationPreferences } from './notificationPreferences'
import type { CommentType, Disposition, Place, PersonRef } from './types'

export * from './notificationPreferences'

/**
 * Notifications as data: what happened (the kind and the facts needed to tell it), to whom, and on which
 * channel. Words about them are formatted at the edges, in the reader's language (the bell in the
 * browser, the e-mail on the server).
 */

/** Kinds that are only ever e-mailed (a receipt repeats what the author just saw). */
export const EMAIL_ONLY_KINDS: ReadonlySet<NotificationKind> = new Set(['receipt'])

/** The comment a notification is about, as it stood, in words the reader is allowed to see. */
export interface NotifiedComment {
  id: string
  type: CommentType
  place: Place
  /** The words the comment is on ('' for a general comment). */
  quote: string
  body: string
}

/** The facts a notification tells, by kind. */
export type NotificationFacts =
  | { kind: 'reply'; comment: NotifiedComment; by: PersonRef; reply: string }
  | { kind: 'decision'; comment: NotifiedComment; by: PersonRef; disposition: Disposition; note: string }
  | { kind: 'applied'; comment: NotifiedComment; by: PersonRef; after: string }
  | { kind: 'mention'; comment: NotifiedComment; by: PersonRef; text: string }
  | { kind: 'consultationOpened'; reference: string; deadline: string; by: PersonRef | null }
  | { kind: 'deadlineReminder'; reference: string; deadline: string; daysLeft: number }
  | { kind: 'consultationClosed'; reference: string; deadline: string }
  | { kind: 'newComment'; comment: NotifiedComment; by: PersonRef }
  | { kind: 'receipt'; comments: { id: string; place: Place }[]; submitted: boolean }

export type NotificationChannel = 'app' | 'email'

/** Where an e-mail is in its delivery. */
export type DeliveryState = 'pending' | 'sent' | 'failed' | 'cancelled'

/**
 * One entry of the outbox: one event, for one person, on one channel. Its `id` is its idempotency key
 * (event id + recipient + channel): writing it twice stores it once, and it is the e-mail's Message-ID.
 */
export interface StoredNotification {
  id: string
  eventId: string
  recipientId: string
  channel: NotificationChannel
  documentId: string
  documentTitle: string
  /** The comment the entry links to, if any. */
  commentId?: string
  createdAt: string
  facts: NotificationFacts
  /** In-app: when the reader marked it read. */
  readAt?: string
  /** E-mail: at once, or in the daily digest that goes out at `sendAfter`. */
  delivery?: 'immediately' | 'digest'
  state?: DeliveryState
  /** E-mail: the message that carries it (its Message-ID): its own id, or the digest it goes out in. */
  mailId?: string
  /** E-mail: not before this time (the digest's time, or the next retry). */
  sendAfter?: string
  /** E-mail: delivery attempts started (recorded before each attempt). */
  attempts?: number
  lastError?: string
  sentAt?: string
}

/** The same entry id for the same event, person and channel, whoever computes it and however often. */
export const notificationId = (eventId: string, recipientId: string, channel: NotificationChannel): string =>
  `${eventId}~${recipientId}~${channel}`

/** What `GET /api/notifications` answers. */
export interface NotificationList {
  unread: number
  items: NotificationItem[]
}

/** One entry of the bell's list. */
export interface NotificationItem {
  id: string
  documentId: string
  documentTitle: string
  commentId?: string
  createdAt: string
  read: boolean
  facts: NotificationFacts
}

/** An e-mail that has not gone out (yet), as the chair sees it. */
export interface DeliveryProblem {
  id: string
  recipient: PersonRef & { email: string | null }
  kind: NotificationKind
  state: 'pending' | 'failed'
  attempts: number
  lastError: string
  createdAt: string
}

/** What `GET /api/notifications/deliveries` answers (chairs). */
export interface DeliveryReport {
  /** False without SMTP_URL: no e-mail is sent at all. */
  emailOn: boolean
  problems: DeliveryProblem[]
}

/** The link to a comment's thread, or to the draft. */
export const threadPath = (documentId: string, commentId?: string): string =>
  `/d/${documentId}${commentId ? `?comment=${encodeURIComponent(commentId)}` : ''}`

/** What `GET/PATCH /api/me/preferences` answer: the choices, whether e-mail is on at all, and the address it goes to. */
export interface PreferencesView {
  preferences: NotificationPreferences
  emailOn: boolean
  address: string | null
}

/** What `PATCH /api/me/preferences` takes: any of the choices. */
export interface PreferencesPatch {
  email?: Partial<Record<NotificationKind, EmailChoice>>
  digestTime?: string
  timeZone?: string
}
