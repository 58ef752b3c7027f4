import { fail } from '../../shared/errors'
import type { StoredNotification } from '../../shared/notifications'
import type { Comment, CommentEvent, StoredComment } from '../../shared/types'
import type { LiveDrafts } from '../drafts/LiveDrafts'
import type { CommentChange } from '../notifications/commentEvents'
import type { CommentWrite, Store } from '../store/Store'
import { PerDraftQueue } from './PerDraftQueue'
import { DraftView } from './placement'

/** Comments to store, and comments to take out (as they are stored now: their revision is checked). */
export interface CommentBatch {
  writes: readonly CommentWrite[]
  removals?: readonly { comment: StoredComment }[]
}

/** Where the notifications a comment change causes go: planned under the draft's lock, stored with the change. */
export interface CommentOutbox {
  plan(change: CommentChange): Promise<StoredNotification[]>
  /** The change and its notifications are durable: time to deliver them. */
  stored(): void
}

/**
 * The one way comments are written: under the draft's lock (so ids stay unique and no change overwrites
 * another), against a view of its current text, stored as one atomic batch whose revisions are checked,
 * then announced to open clients as the API sends them.
 */
export class CommentWriter {
  private readonly queue = new PerDraftQueue()

  constructor(
    private readonly store: Store,
    private readonly drafts: LiveDrafts,
    private readonly announce: (documentId: string, event: CommentEvent) => void,
    private readonly outbox: CommentOutbox | null = null,
  ) {}

  /** Runs `fn` with a view of the draft's current text; 404 when the draft does not exist. */
  withView<T>(documentId: string, fn: (view: DraftView) => T | Promise<T>): Promise<T> {
    return this.drafts.use(documentId, (doc) => fn(new DraftView(doc)))
  }

  async require(documentId: string, commentId: string): Promise<StoredComment> {
    const comment = await this.store.getComment(documentId, commentId)
    if (!comment) fail('comment.notFound', { commentId })
    return comment
  }

  /**
   * Runs `build` under the draft's lock with a view of its text. The comments it returns are placed in
   * the text as it is afterwards (`build` may edit it), stored as one batch (all or none; refused if a
   * revision moved) with the notifications the change causes, announced, and returned as the API sends
   * them. `onFailure` runs if the store refuses.
   */
  async commit(documentId: string, build: (view: DraftView) => Promise<readonly CommentWrite[] | CommentBatch>, onFailure?: () => void): Promise<Comment[]> {
    const done = await this.queue.run(documentId, () =>
      this.withView(documentId, async (view) => {
        let edited = false
        const onUpdate = () => {
          edited = true
        }
        view.doc.on('update', onUpdate)
        let batch: CommentBatch
        try {
          const built = await build(view)
          batch = Array.isArray(built) ? { writes: built as readonly CommentWrite[] } : (built as CommentBatch)
        } finally {
          view.doc.off('update', onUpdate)
        }
        const after = edited ? new DraftView(view.doc) : view
        const placed = batch.writes.map((w) => ({ comment: after.place(w.comment), expectedRev: w.expectedRev }))
        const removals = (batch.removals ?? []).map((r) => ({ id: r.comment.id, expectedRev: r.comment.rev }))
        const notifications = this.outbox ? await this.outbox.plan(await this.changeOf(documentId, placed, batch)) : []
        return {
          presented: placed.map((w) => after.present(w.comment)),
          removed: (batch.removals ?? []).map((r) => after.present(r.comment)),
          // Started under the lock, so writes reach the store in order; awaited outside it.
          write: this.store.putComments(documentId, placed, removals, notifications),
          notified: notifications.length > 0,
        }
      }),
    )
    await done.write.catch((err: unknown) => {
      onFailure?.()
      throw err
    })
    if (done.notified) this.outbox?.stored()
    if (done.presented.length > 0) this.announce(documentId, { kind: 'upsert', comments: done.presented })
    if (done.removed.length > 0) this.announce(documentId, { kind: 'remove', comments: done.removed })
    return done.presented
  }

  /** The change as the notifications see it: what is written, and what it replaces or takes out. */
  private async changeOf(documentId: string, placed: readonly CommentWrite[], batch: CommentBatch): Promise<CommentChange> {
    const before = new Map<string, StoredComment>()
    for (const w of placed) {
      if (w.expectedRev === null) continue
      const stored = await this.store.getComment(documentId, w.comment.id)
      if (stored) before.set(stored.id, stored)
    }
    const removed = (batch.removals ?? []).map((r) => r.comment)
    for (const c of removed) before.set(c.id, c)
    return { documentId, written: placed.map((w) => w.comment), before, removed }
  }
}
