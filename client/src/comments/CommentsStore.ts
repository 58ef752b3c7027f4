import type { Comment, CommentEvent } from '../../../shared/types'

/**
 * The draft's comments as pushed by the server. The server is the only source of truth: an event only
 * replaces a comment with a higher revision, so an older copy can never bring back a resolved comment.
 */
export class CommentsStore {
  private readonly byId = new Map<string, Comment>()
  private list: Comment[] = []
  private readonly listeners = new Set<() => void>()
  /** Bumped on every change so memoized views can tell. */
  version = 0
  loaded = false

  apply(event: CommentEvent): void {
    let changed = event.kind === 'remove' ? this.remove(event.comments) : this.put(event.comments)
    if (event.kind === 'snapshot' && !this.loaded) {
      this.loaded = true
      changed = true
    }
    if (!changed) return
    this.list = [...this.byId.values()]
    this.version++
    for (const l of this.listeners) l()
  }

  /** Newer revisions replace older ones; returns whether anything changed. */
  private put(comments: readonly Comment[]): boolean {
    let changed = false
    for (const c of comments) {
      const current = this.byId.get(c.id)
      if (!current || c.rev > current.rev) {
        this.byId.set(c.id, c)
        changed = true
      }
    }
    return changed
  }

  /** A delegation's drafts, taken out once submitted, merged or discarded. */
  private remove(comments: readonly Comment[]): boolean {
    let changed = false
    for (const c of comments) changed = this.byId.delete(c.id) || changed
    return changed
  }

  /** Puts a comment returned by a REST call (same rule: newer revisions only). */
  upsert(comment: Comment): void {
    this.apply({ kind: 'upsert', comments: [comment] })
  }

  get all(): readonly Comment[] {
    return this.list
  }

  get(id: string): Comment | undefined {
    return this.byId.get(id)
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
