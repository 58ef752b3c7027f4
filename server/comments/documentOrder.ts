import type { Comment } from '../../shared/types'

/** A placed comment and its sort key: general comments first (-1), then by position, orphans last. */
export interface OrderedComment {
  comment: Comment
  order: number
}

/** Document order: by position, then oldest first, then by id (so the order is total and stable). */
export function inDocumentOrder(a: OrderedComment, b: OrderedComment): number {
  return a.order - b.order || a.comment.createdAt.localeCompare(b.comment.createdAt) || a.comment.id.localeCompare(b.comment.id)
}

/** Where `item` goes in `sorted` (document order), by binary search. */
export function insertionIndex(sorted: readonly OrderedComment[], item: OrderedComment): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (inDocumentOrder(sorted[mid]!, item) < 0) lo = mid + 1
    else hi = mid
  }
  return lo
}
