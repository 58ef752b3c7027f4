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
    let changed = false
    for (const c of event.comments) {
      const current = this.byId.get(c.id)
      if (!current || c.rev > current.rev) {
        this.byId.set(c.id, c)
        changed = true
      }
    }
    if (event.kind === 'snapshot' && !this.loaded) {
      this.loaded = true
      changed = true
    }
    if (!changed) return
    this.list = [...this.byId.values()]
    this.version++
    for (const l of this.listeners) l()
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
