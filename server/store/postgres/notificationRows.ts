import type pg from 'pg'
import { type StoredNotification, dueAt } from '../../../shared/notifications'
import type { PerDraftQueue } from '../../comments/PerDraftQueue'
import { aboutDraft, oldestNotificationFirst } from '../notificationQuery'
import type { NotificationQuery } from '../Store'
import { type Tx, inTransaction } from './pool'

/** The columns a query may filter on, by NotificationQuery field. */
const QUERY_COLUMNS: Record<keyof NotificationQuery, string> = {
  documentId: 'document_id',
  recipientId: 'recipient_id',
  channel: 'channel',
  state: 'state',
  eventId: 'event_id',
}

/** The message an entry goes out in (a digest gathers several): what a sender claims. */
const mailIdOf = (n: StoredNotification) => n.mailId ?? n.id

/** Each id once, the first given of each (a batch naming one id twice stores the first, as a repeat would). */
function firstOfEach(notifications: readonly StoredNotification[]): StoredNotification[] {
  const seen = new Map<string, StoredNotification>()
  for (const n of notifications) if (!seen.has(n.id)) seen.set(n.id, n)
  return [...seen.values()]
}

/**
 * Stores outbox entries inside a transaction that is already open (a comment change's): an id already
 * stored keeps its row (the id is the idempotency key, so a repeated event or a second instance recording
 * the same reminder stores it once).
 */
export async function insertNotifications(tx: Tx, documentId: string, notifications: readonly StoredNotification[]): Promise<void> {
  const list = firstOfEach(notifications)
  if (list.length === 0) return
  await tx.query(
    `INSERT INTO notifications (id, document_id, recipient_id, channel, state, event_id, mail_id, data)
     SELECT u.id, $1, u.recipient_id, u.channel, u.state, u.event_id, u.mail_id, u.data
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
       AS u (id, recipient_id, channel, state, event_id, mail_id, data)
     ON CONFLICT (id) DO NOTHING`,
    [
      documentId,
      list.map((n) => n.id),
      list.map((n) => n.recipientId),
      list.map((n) => n.channel),
      list.map((n) => n.state ?? null),
      list.map((n) => n.eventId),
      list.map(mailIdOf),
      list.map((n) => JSON.stringify(n)),
    ],
  )
}

/**
 * The outbox of notifications in PostgreSQL: one row per entry, its filter fields as columns beside the
 * JSON. Entries are not draft content, so their own writes are not fenced: any instance may record a
 * reminder or a delivery outcome, and the id keeps each entry single. Entries caused by a comment change
 * are written in that change's fenced transaction (CommentRows). Writes of one draft share the comments'
 * queue, so they reach the database in the order they were made.
 */
export class NotificationRows {
  constructor(
    private readonly pool: pg.Pool,
    private readonly queue: PerDraftQueue,
  ) {}

  async addNotifications(documentId: string, notifications: readonly StoredNotification[]): Promise<void> {
    aboutDraft(documentId, notifications)
    if (notifications.length === 0) return
    return this.queue.run(documentId, () => inTransaction(this.pool, (tx) => insertNotifications(tx, documentId, notifications)))
  }

  /**
   * Replaces stored entries (delivery state, read marks); ids not stored under the draft are ignored. A
   * delivery's outcome ends its claim: a retry falls due by its `sendAfter` alone.
   */
  updateNotifications(documentId: string, notifications: readonly StoredNotification[]): Promise<void> {
    const list = [...new Map(notifications.map((n) => [n.id, n])).values()]
    if (list.length === 0) return Promise.resolve()
    return this.queue.run(documentId, async () => {
      await this.pool.query(
        `UPDATE notifications AS n SET state = u.state, mail_id = u.mail_id, data = u.data, claimed_until = NULL
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS u (id, state, mail_id, data)
         WHERE n.document_id = $1 AND n.id = u.id`,
        [documentId, list.map((n) => n.id), list.map((n) => n.state ?? null), list.map(mailIdOf), list.map((n) => JSON.stringify(n))],
      )
    })
  }

  async listNotifications(query: NotificationQuery): Promise<StoredNotification[]> {
    const fields = (Object.keys(QUERY_COLUMNS) as (keyof NotificationQuery)[]).filter((k) => query[k] !== undefined)
    const where = fields.map((k, i) => `${QUERY_COLUMNS[k]} = $${i + 1}`).join(' AND ')
    const { rows } = await this.pool.query<{ data: string }>(`SELECT data FROM notifications${where ? ` WHERE ${where}` : ''}`, fields.map((k) => query[k]))
    // Sorted here with the embedded stores' comparator: one order for every store, whatever the collation.
    return rows.map((r) => JSON.parse(r.data) as StoredNotification).sort(oldestNotificationFirst)
  }

  /**
   * Claims the pending e-mail entries of one message that are due by `now` (ms) for `holdMs` (by the
   * database's clock) and counts the attempt, in one transaction: rows another instance is claiming right now are skipped (FOR UPDATE SKIP
   * LOCKED) and rows it claimed before are left alone until its claim runs out, so of instances claiming
   * one message at once exactly one gets it. A claimant that dies leaves the claim to run out; the message
   * then goes from another instance.
   */
  claimMail(mailId: string, now: number, holdMs: number): Promise<StoredNotification[]> {
    return inTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<{ id: string; data: string }>(
        `SELECT id, data FROM notifications
         WHERE mail_id = $1 AND channel = 'email' AND state = 'pending' AND (claimed_until IS NULL OR claimed_until <= now())
         FOR UPDATE SKIP LOCKED`,
        [mailId],
      )
      const claimed = rows
        .map((r) => JSON.parse(r.data) as StoredNotification)
        // A retry waits for its time even when another instance's listing says it is due.
        .filter((n) => dueAt(n) <= now)
        .map((n) => ({ ...n, attempts: (n.attempts ?? 0) + 1 }))
      if (claimed.length === 0) return []
      await tx.query(
        `UPDATE notifications AS n SET data = u.data, claimed_until = now() + $1 * interval '1 millisecond'
         FROM unnest($2::text[], $3::text[]) AS u (id, data) WHERE n.id = u.id`,
        [holdMs, claimed.map((n) => n.id), claimed.map((n) => JSON.stringify(n))],
      )
      return claimed.sort(oldestNotificationFirst)
    })
  }
}
