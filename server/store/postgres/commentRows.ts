import type pg from 'pg'
import type { StoredNotification } from '../../../shared/notifications'
import type { StoredComment } from '../../../shared/types'
import { highestSequences } from '../../comments/commentIds'
import type { PerDraftQueue } from '../../comments/PerDraftQueue'
import { refuseStaleWrites } from '../commentConflicts'
import { aboutDraft } from '../notificationQuery'
import { CommentConflictError } from '../errors'
import type { CommentRemoval, CommentWrite } from '../Store'
import { type WriteFence, inFencedTransaction } from './fence'
import { insertNotifications } from './notificationRows'
import { UNIQUE_VIOLATION, sqlState } from './pool'

/**
 * Comments in PostgreSQL: one row per comment with its revision, checked and written in one fenced
 * transaction per batch, together with the draft's counter rows (the highest public sequence per org),
 * so an id is taken in the same transaction as its comment and a rolled-back comment leaves no gap.
 */
export class CommentRows {
  constructor(
    private readonly pool: pg.Pool,
    private readonly fence: WriteFence | null,
    /**
     * Batches of one draft go to the database one after another, in the order they were called: of
     * writers racing from the same revision the first caller wins, as with the embedded store. Writers on
     * other instances are ordered by the row locks.
     */
    private readonly queue: PerDraftQueue,
  ) {}

  async listComments(documentId: string): Promise<StoredComment[]> {
    const { rows } = await this.pool.query<{ data: string }>('SELECT data FROM comments WHERE document_id = $1', [documentId])
    return rows.map((r) => JSON.parse(r.data) as StoredComment)
  }

  async getComment(documentId: string, commentId: string): Promise<StoredComment | undefined> {
    const { rows } = await this.pool.query<{ data: string }>('SELECT data FROM comments WHERE document_id = $1 AND id = $2', [documentId, commentId])
    return rows[0] && (JSON.parse(rows[0].data) as StoredComment)
  }

  /** The highest public sequence each org has used on the draft, from its counter rows. */
  async commentSequences(documentId: string): Promise<Map<string, number>> {
    const { rows } = await this.pool.query<{ org: string; last: number }>('SELECT org, last FROM comment_counters WHERE document_id = $1', [documentId])
    return new Map(rows.map((r) => [r.org, r.last]))
  }

  /** Writes a batch and the outbox entries it causes in one fenced transaction: all of it, or none. */
  async putComments(
    documentId: string,
    writes: readonly CommentWrite[],
    removals: readonly CommentRemoval[],
    notifications: readonly StoredNotification[],
  ): Promise<void> {
    aboutDraft(documentId, notifications)
    return this.queue.run(documentId, () => this.write(documentId, writes, removals, notifications)).catch((err: unknown) => {
      // Another instance created the same id between our check and our insert.
      if (sqlState(err) === UNIQUE_VIOLATION) throw new CommentConflictError(documentId, writes.map((w) => w.comment.id))
      throw err
    })
  }

  private async write(
    documentId: string,
    writes: readonly CommentWrite[],
    removals: readonly CommentRemoval[],
    notifications: readonly StoredNotification[],
  ): Promise<void> {
    await inFencedTransaction(this.pool, this.fence, documentId, async (tx) => {
      const ids = [...new Set([...writes.map((w) => w.comment.id), ...removals.map((r) => r.id)])]
      const { rows } = await tx.query<{ id: string; rev: number }>('SELECT id, rev FROM comments WHERE document_id = $1 AND id = ANY($2::text[]) FOR UPDATE', [
        documentId,
        ids,
      ])
      const stored = new Map(rows.map((r) => [r.id, r.rev]))
      refuseStaleWrites(documentId, writes, (id) => (stored.has(id) ? ({ rev: stored.get(id) } as StoredComment) : undefined), removals)
      // The last write of each comment in the batch is what stays.
      const finals = new Map(writes.map((w) => [w.comment.id, w.comment]))
      if (finals.size > 0) {
        const comments = [...finals.values()]
        await tx.query(
          `INSERT INTO comments (document_id, id, rev, data)
           SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[])
           ON CONFLICT (document_id, id) DO UPDATE SET rev = EXCLUDED.rev, data = EXCLUDED.data`,
          [documentId, comments.map((c) => c.id), comments.map((c) => c.rev), comments.map((c) => JSON.stringify(c))],
        )
      }
      if (removals.length > 0) {
        await tx.query('DELETE FROM comments WHERE document_id = $1 AND id = ANY($2::text[])', [documentId, removals.map((r) => r.id)])
      }
      // New public ids move their org's counter (imports and submissions choose ids too; a counter never goes back).
      const created = highestSequences(writes.filter((w) => w.expectedRev === null).map((w) => w.comment.id))
      if (created.size > 0) {
        await tx.query(
          `INSERT INTO comment_counters (document_id, org, last) SELECT $1, * FROM unnest($2::text[], $3::int[])
           ON CONFLICT (document_id, org) DO UPDATE SET last = GREATEST(comment_counters.last, EXCLUDED.last)`,
          [documentId, [...created.keys()], [...created.values()]],
        )
      }
      await insertNotifications(tx, documentId, notifications)
    })
  }
}
