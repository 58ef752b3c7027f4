import type { StoredComment } from '../../shared/types'
import { CommentConflictError } from './errors'
import type { CommentRemoval, CommentWrite } from './Store'

/**
 * Throws `CommentConflictError` naming every write (and removal) whose `expectedRev` is not the revision
 * it would replace: the stored one, or the one an earlier write of the same batch puts. Stores call this in the
 * same synchronous step that applies the batch, so no other write can come between check and change.
 */
export function refuseStaleWrites(
  documentId: string,
  writes: readonly CommentWrite[],
  stored: (id: string) => StoredComment | undefined,
  removals: readonly CommentRemoval[] = [],
): void {
  const batchRevs = new Map<string, number>()
  const stale: string[] = []
  for (const { comment, expectedRev } of writes) {
    const current = batchRevs.get(comment.id) ?? stored(comment.id)?.rev ?? null
    if (current !== expectedRev) stale.push(comment.id)
    batchRevs.set(comment.id, comment.rev)
  }
  for (const { id, expectedRev } of removals) {
    if ((batchRevs.get(id) ?? stored(id)?.rev ?? null) !== expectedRev) stale.push(id)
  }
  if (stale.length > 0) throw new CommentConflictError(documentId, stale)
}
