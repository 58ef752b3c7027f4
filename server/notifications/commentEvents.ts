import type { NotificationFacts, NotifiedComment } from '../../shared/notifications'
import type { PersonRef, StoredComment } from '../../shared/types'

/** Who is told of an event, before the policy (`canView`) and the actor are taken out. */
export type Audience = { ids: readonly string[] } | { role: 'chair' } | 'everyone' | { mentionedIn: string }

/** Something that happened on a draft that people may be told about. */
export interface NotificationEvent {
  /** The same event always has the same id, so recording it twice stores it once. */
  eventId: string
  documentId: string
  commentId?: string
  facts: NotificationFacts
  audience: Audience
  /** Never told of their own doing. */
  actorId: string | null
  /** Only people who may see this comment are told (a delegation's draft reaches only its delegation). */
  visibleWith?: Pick<StoredComment, 'id' | 'author' | 'status'>
  /** People who could see this (a draft just submitted) were told already. */
  unlessVisibleWith?: Pick<StoredComment, 'id' | 'author' | 'status'>
}

/** A comment batch as CommentWriter stores it: the comments written (placed), those they replace, those taken out. */
export interface CommentChange {
  documentId: string
  written: readonly StoredComment[]
  /** The stored comments the writes replace or the removals take out, by id. */
  before: ReadonlyMap<string, StoredComment>
  removed: readonly StoredComment[]
}

export const notifiedComment = (c: StoredComment): NotifiedComment => ({ id: c.id, type: c.type, place: c.place, quote: c.quote, body: c.body })

/** The author and co-authors: whose comment it is. */
const ownersOf = (c: StoredComment): string[] => [c.author.id, ...(c.coAuthors ?? []).map((p) => p.id)]

/**
 * The events a comment change means, read from the comments before and after it: new comments (for chairs,
 * mentions, the author's receipt), submissions of a delegation's drafts, replies (to the comment's authors
 * and everyone who replied before), decisions and applied proposals (to the authors). Rows of an imported
 * table cause none. Pure: the same change gives the same events with the same ids.
 */
export function commentEvents(change: CommentChange): NotificationEvent[] {
  const { documentId } = change
  const events: NotificationEvent[] = []
  const receipts: StoredComment[] = []
  let submitter: PersonRef | null = null
  for (const after of change.written) {
    const before = change.before.get(after.id)
    const about = { documentId, commentId: after.id, visibleWith: after }
    if (!before) {
      const last = after.history.at(-1)
      // An imported table: the chair who brought it in has the rows in front of them.
      if (last?.detail === 'imported') continue
      const submittedFrom = last?.action === 'submitted' && last.detail ? change.before.get(last.detail) : undefined
      const by = submittedFrom ? last!.by : after.author
      if (after.status !== 'draft') {
        events.push({ ...about, eventId: `new:${documentId}:${after.id}`, facts: { kind: 'newComment', comment: notifiedComment(after), by: after.author }, audience: { role: 'chair' }, actorId: by.id })
        receipts.push(after)
        if (submittedFrom) submitter = by
      }
      events.push({
        ...about,
        eventId: `mention:${documentId}:${after.id}`,
        facts: { kind: 'mention', comment: notifiedComment(after), by: after.author, text: after.body },
        audience: { mentionedIn: after.body },
        actorId: after.author.id,
        ...(submittedFrom ? { unlessVisibleWith: submittedFrom } : {}),
      })
      continue
    }
    const earlier = new Set(before.replies.map((r) => r.id))
    const repliers: string[] = before.replies.map((r) => r.author.id)
    for (const reply of after.replies.filter((r) => !earlier.has(r.id))) {
      events.push({
        ...about,
        eventId: `reply:${documentId}:${after.id}:${reply.id}`,
        facts: { kind: 'reply', comment: notifiedComment(after), by: reply.author, reply: reply.body },
        audience: { ids: [...ownersOf(after), ...repliers] },
        actorId: reply.author.id,
      })
      events.push({
        ...about,
        eventId: `mention:${documentId}:${after.id}:${reply.id}`,
        facts: { kind: 'mention', comment: notifiedComment(after), by: reply.author, text: reply.body },
        audience: { mentionedIn: reply.body },
        actorId: reply.author.id,
      })
      repliers.push(reply.author.id)
    }
    const decision = after.status === 'resolved' ? after.resolution : undefined
    if (decision && decision.at !== before.resolution?.at) {
      events.push({
        ...about,
        eventId: `decision:${documentId}:${after.id}:${after.rev}`,
        facts: { kind: 'decision', comment: notifiedComment(after), by: decision.by, disposition: decision.disposition, note: decision.note },
        audience: { ids: ownersOf(after) },
        actorId: decision.by.id,
      })
    }
    if (after.applied && after.applied.at !== before.applied?.at) {
      events.push({
        ...about,
        eventId: `applied:${documentId}:${after.id}:${after.rev}`,
        facts: { kind: 'applied', comment: notifiedComment(after), by: after.applied.by, after: after.applied.after ?? after.proposedChange ?? '' },
        audience: { ids: ownersOf(after) },
        actorId: after.applied.by.id,
      })
    }
  }
  const receiptFor = submitter ?? receipts[0]?.author
  const oneAuthor = submitter !== null || receipts.every((c) => c.author.id === receiptFor?.id)
  if (receiptFor && receipts.length > 0 && oneAuthor) {
    events.push({
      documentId,
      commentId: receipts[0]!.id,
      eventId: `receipt:${documentId}:${receipts.map((c) => c.id).join(',')}`,
      facts: { kind: 'receipt', comments: receipts.map((c) => ({ id: c.id, place: c.place })), submitted: submitter !== null },
      audience: { ids: [receiptFor.id] },
      // The receipt is for the one who acted.
      actorId: null,
      visibleWith: receipts[0]!,
    })
  }
  return events
}
