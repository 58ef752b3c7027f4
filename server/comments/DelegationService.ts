import { formatPlace } from '../../shared/draft/locator'
import { fail } from '../../shared/errors'
import { assertAllowed, commentFacts } from '../../shared/policy'
import type { Comment, Participant, PersonRef, Stance, StoredComment, SubmissionReceipt } from '../../shared/types'
import type { MergeInput } from '../../shared/validation'
import { type CommentService, personRef } from './CommentService'

/** The people of a list, each once (by participant id), in order of first appearance. */
const distinct = (people: readonly PersonRef[]) => [...new Map(people.map((p) => [p.id, p])).values()]

/**
 * National consolidation: a delegation's drafts, seen only by that delegation, are supported or opposed
 * by its members, merged or discarded by its focal point, and submitted by the focal point, when they
 * get their public ids (in document order, after the delegation's last one, so the committee sees no
 * gaps). What the committee receives is the comment as submitted: the delegation's internal replies and
 * stances stay out of it.
 */
export class DelegationService {
  constructor(
    private readonly comments: CommentService,
    private readonly reference: (documentId: string) => Promise<string | null>,
  ) {}

  private get now() {
    return this.comments.now
  }

  /** A draft `actor` may act on with `action`; 404 for anyone outside the delegation. */
  private async draftFor(documentId: string, commentId: string, actor: Participant, action: 'comment.submit' | 'comment.merge' | 'comment.support') {
    const current = await this.comments.writer.require(documentId, commentId)
    assertAllowed(actor, 'comment.view', { comment: commentFacts(current) })
    assertAllowed(actor, action, { comment: commentFacts(current) })
    return current
  }

  async submit(documentId: string, actor: Participant, ids: readonly string[]): Promise<SubmissionReceipt> {
    const unique = [...new Set(ids)]
    const at = this.now().toISOString()
    const by = personRef(actor)
    let drafts: StoredComment[] = []
    const submitted = await this.comments.writer.commit(
      documentId,
      async (view) => {
        drafts = await Promise.all(unique.map((id) => this.draftFor(documentId, id, actor, 'comment.submit')))
        // Public ids follow the text, as the comment-resolution table does.
        const ordered = drafts
          .map((c) => ({ comment: c, order: view.placeInOrder(c).order }))
          .sort((a, b) => a.order - b.order || a.comment.createdAt.localeCompare(b.comment.createdAt))
        const writes = []
        for (const { comment } of ordered) {
          const { stances: _internal, replies: _discussion, ...rest } = comment
          const id = await this.comments.nextPublicId(documentId, comment.author.org)
          const open: StoredComment = {
            ...rest,
            id,
            status: 'open',
            replies: [],
            submittedBy: by,
            submittedAt: at,
            history: [...comment.history.filter((h) => h.action !== 'replied'), { action: 'submitted', by, at, detail: comment.id }],
            updatedAt: at,
            rev: comment.rev + 1,
          }
          writes.push({ comment: open, expectedRev: null })
        }
        return { writes, removals: drafts.map((comment) => ({ comment })) }
      },
      () => this.comments.forgetIds(documentId),
    )
    return {
      documentId,
      org: actor.org,
      submittedBy: by,
      submittedAt: at,
      reference: await this.reference(documentId),
      comments: submitted.map((c) => ({ draftId: c.history.at(-1)!.detail!, id: c.id, type: c.type, locator: formatPlace(c.place) })),
    }
  }

  /** Merges draft `fromId` into draft `targetId`: both authors kept, the wording joined unless given. */
  async merge(documentId: string, targetId: string, actor: Participant, input: MergeInput): Promise<Comment> {
    if (input.from === targetId) fail('request.invalid', { issues: 'from: another draft than the one merged into' })
    const at = this.now().toISOString()
    const [merged] = await this.comments.writer.commit(documentId, async () => {
      const target = await this.draftFor(documentId, targetId, actor, 'comment.merge')
      const from = await this.draftFor(documentId, input.from, actor, 'comment.merge')
      const proposedChange = input.proposedChange ?? target.proposedChange ?? (from.quote === target.quote ? from.proposedChange : undefined)
      const next: StoredComment = {
        ...target,
        body: input.body ?? `${target.body}\n\n${from.body}`,
        ...(proposedChange ? { proposedChange, proposedAgainst: target.proposedAgainst ?? target.quote } : {}),
        coAuthors: distinct([...(target.coAuthors ?? []), from.author, ...(from.coAuthors ?? [])]).filter((p) => p.id !== target.author.id),
        replies: [...target.replies, ...from.replies].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
        history: [...target.history, { action: 'merged', by: personRef(actor), at, detail: from.id }],
        updatedAt: at,
        rev: target.rev + 1,
      }
      if (!proposedChange) {
        delete next.proposedChange
        delete next.proposedAgainst
      }
      return { writes: [{ comment: next, expectedRev: target.rev }], removals: [{ comment: from }] }
    })
    return merged!
  }

  /** Marks support or opposition on a draft of one's delegation (null takes it back). */
  stance(documentId: string, commentId: string, actor: Participant, stance: Stance | null): Promise<Comment> {
    return this.comments.mutate(documentId, commentId, null, null, (current) => {
      assertAllowed(actor, 'comment.view', { comment: commentFacts(current) })
      assertAllowed(actor, 'comment.support', { comment: commentFacts(current) })
      const others = (current.stances ?? []).filter((s) => s.by.id !== actor.id)
      return { ...current, stances: stance ? [...others, { by: personRef(actor), stance, at: this.now().toISOString() }] : others }
    })
  }
}
