import type { StoredNotification } from '../../shared/notifications'
import type { NotificationQuery } from './Store'

/** Whether an outbox entry matches every field the query gives (every Store lists the same way). */
export function matchesQuery(n: StoredNotification, q: NotificationQuery): boolean {
  return (
    (q.documentId === undefined || n.documentId === q.documentId) &&
    (q.recipientId === undefined || n.recipientId === q.recipientId) &&
    (q.channel === undefined || n.channel === q.channel) &&
    (q.state === undefined || n.state === q.state) &&
    (q.eventId === undefined || n.eventId === q.eventId)
  )
}

/** Oldest first; entries made at the same moment by id, so every listing has one order. */
export const oldestNotificationFirst = (a: StoredNotification, b: StoredNotification): number =>
  a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)

/** Refuses outbox entries filed under another draft than the one they are about (before anything is stored). */
export function aboutDraft(documentId: string, notifications: readonly StoredNotification[]): void {
  for (const n of notifications) if (n.documentId !== documentId) throw new Error(`notification ${n.id} is about another draft`)
}
