import { EventEmitter } from 'node:events'
import type { Anchor, Comment, CommentEvent, Disposition, HistoryAction, Participant, PersonRef, StoredComment } from '../../shared/types'
import { type AnchorRepair, composeRepair, MAX_ANCHORS } from '../../shared/draft/anchorRepairs'
import { GENERAL_PLACE, withLocator } from '../../shared/draft/locator'
import type { CreateCommentInput, EditCommentInput, ReanchorInput } from '../../shared/validation'
import { newId } from '../auth/secrets'
import { fail } from '../../shared/errors'
import { type Action, type PolicyPrincipal, assertAllowed, canView, commentFacts } from '../../shared/policy'
import type { LiveDrafts } from '../drafts/LiveDrafts'
import type { Store } from '../store/Store'
import { applyReplacement } from './applyProposedChange'
import { CommentIdAllocator } from './commentIds'
import { initialPlacement } from './initialPlacement'
import { PerDraftQueue } from './PerDraftQueue'
import { DraftView } from './placement'

const personRef = (p: Participant): PersonRef => ({ id: p.id, name: p.name, org: p.org })

/**
 * Comments on drafts: creation (anchored by quote, selection or recommendation), edits, replies,
 * withdrawal, resolution, re-anchoring and applying proposed changes, with a history entry for each.
 * Mutations of one draft are serialized so ids stay unique; every change is announced as a
 * `changed` event that the relay pushes to open clients. Comments are stored with their place as data;
 * what this service hands out (API answers, events, exports) also carries it as English `locator` text.
 */
export class CommentService extends EventEmitter<{ changed: [string, CommentEvent] }> {
  private readonly queue = new PerDraftQueue()
  private readonly ids = new CommentIdAllocator()

  constructor(
    private readonly store: Store,
    private readonly drafts: LiveDrafts,
    private readonly now: () => Date = () => new Date(),
  ) {
    super()
  }

  /** Runs `fn` with a view of the draft's current text; 404 when the draft does not exist. */
  private withView<T>(documentId: string, fn: (view: DraftView) => T | Promise<T>): Promise<T> {
    return this.drafts.use(documentId, (doc) => fn(new DraftView(doc)))
  }

  /** The comments `viewer` may see, as stored, without placing them in the text (for comparisons that need no place). */
  async stored(documentId: string, viewer: PolicyPrincipal): Promise<StoredComment[]> {
    return (await this.store.listComments(documentId)).filter((c) => canView(viewer, c))
  }

  /**
   * Every comment of a draft, whoever may see it, with current places, in document order (general
   * first, orphans last): only for callers that filter per viewer themselves (the list cache).
   */
  async listAll(documentId: string): Promise<Comment[]> {
    return (await this.placedInOrder(documentId, null)).map((e) => e.comment)
  }

  /** The comments `viewer` may see, in document order, each with the words it is attached to now (null when gone or general). */
  listWithWords(documentId: string, viewer: PolicyPrincipal): Promise<{ comment: Comment; words: string | null }[]> {
    return this.placedInOrder(documentId, viewer)
  }

  private placedInOrder(documentId: string, viewer: PolicyPrincipal | null): Promise<{ comment: Comment; words: string | null }[]> {
    return this.withView(documentId, async (view) => {
      const stored = await this.store.listComments(documentId)
      const placed = (viewer ? stored.filter((c) => canView(viewer, c)) : stored).map((c) => view.placeInOrder(c))
      placed.sort((a, b) => a.order - b.order || a.comment.createdAt.localeCompare(b.comment.createdAt) || a.comment.id.localeCompare(b.comment.id))
      return placed.map((p) => ({ comment: withLocator(p.comment), words: p.range ? view.textBetween(p.range) : null }))
    })
  }

  /** One comment as `viewer` may see it; 404 when there is none, or not for them. */
  async get(documentId: string, commentId: string, viewer: PolicyPrincipal): Promise<Comment> {
    return this.withView(documentId, async (view) => {
      const comment = await this.require(documentId, commentId)
      assertAllowed(viewer, 'comment.view', { comment: commentFacts(comment) })
      return withLocator(view.place(comment))
    })
  }

  private async require(documentId: string, commentId: string): Promise<StoredComment> {
    const comment = await this.store.getComment(documentId, commentId)
    if (!comment) fail('comment.notFound', { commentId })
    return comment
  }

  async create(documentId: string, author: Participant, input: CreateCommentInput): Promise<Comment> {
    const stored = await this.queue.run(documentId, () =>
      this.withView(documentId, async (view) => {
        const { anchor, quote, scope } = initialPlacement(view, input)
        const at = this.now().toISOString()
        const id = await this.ids.next(documentId, author.org, () => this.store.listComments(documentId))
        const comment = view.place({
          id,
          documentId,
          author: personRef(author),
          type: input.type,
          body: input.body,
          ...(input.proposedChange ? { proposedChange: input.proposedChange } : {}),
          quote,
          scope,
          anchors: anchor ? [anchor] : [],
          place: GENERAL_PLACE,
          anchorState: scope === 'draft' ? 'general' : 'anchored',
          status: 'open',
          replies: [],
          history: [{ action: 'created', by: personRef(author), at }],
          createdAt: at,
          updatedAt: at,
          rev: 1,
        })
        return { comment, write: this.store.putComments(documentId, [{ comment, expectedRev: null }]) }
      }),
    )
    await stored.write.catch((err: unknown) => {
      // The store took the comment back: read the sequences again rather than guess.
      this.ids.forget(documentId)
      throw err
    })
    return this.announce(documentId, [stored.comment])[0]!
  }

  /**
   * Changes one comment under the draft's lock: `change` returns the new comment (or throws an
   * AccordError); revision, time, history and placement are filled in here.
   */
  private async mutate(
    documentId: string,
    commentId: string,
    actor: Participant | null,
    action: HistoryAction | null,
    change: (current: StoredComment, view: DraftView) => StoredComment,
    detail?: string,
  ): Promise<Comment> {
    const stored = await this.queue.run(documentId, () =>
      this.withView(documentId, async (view) => {
        const current = await this.require(documentId, commentId)
        // A comment someone may not see does not exist for them (a 404, as for a read).
        if (action && actor) assertAllowed(actor, 'comment.view', { comment: commentFacts(current) })
        const at = this.now().toISOString()
        const changed = change(current, view)
        const history =
          action && actor
            ? [...changed.history, { action, by: personRef(actor), at, ...(detail ? { detail } : {}) }]
            : changed.history
        const comment = view.place({ ...changed, history, updatedAt: at, rev: current.rev + 1 })
        return { comment, write: this.store.putComments(documentId, [{ comment, expectedRev: current.rev }]) }
      }),
    )
    await stored.write
    return this.announce(documentId, [stored.comment])[0]!
  }

  /** Tells open clients about stored comments; returns them as the API sends them. */
  private announce(documentId: string, stored: StoredComment[]): Comment[] {
    const comments = stored.map(withLocator)
    this.emit('changed', documentId, { kind: 'upsert', comments })
    return comments
  }

  /** The policy's answer for `actor` doing `action` on this comment, thrown when it is no. */
  private static requireAllowed(actor: Participant, action: Action, current: StoredComment): void {
    assertAllowed(actor, action, { comment: commentFacts(current) })
  }

  edit(documentId: string, commentId: string, actor: Participant, patch: EditCommentInput): Promise<Comment> {
    return this.mutate(documentId, commentId, actor, 'edited', (current) => {
      CommentService.requireAllowed(actor, 'comment.edit', current)
      const next: StoredComment = { ...current, ...(patch.type ? { type: patch.type } : {}), ...(patch.body ? { body: patch.body } : {}) }
      if (patch.proposedChange !== undefined) {
        if (patch.proposedChange) next.proposedChange = patch.proposedChange
        else delete next.proposedChange
      }
      return next
    })
  }

  withdraw(documentId: string, commentId: string, actor: Participant): Promise<Comment> {
    return this.mutate(documentId, commentId, actor, 'withdrawn', (current) => {
      CommentService.requireAllowed(actor, 'comment.withdraw', current)
      return { ...current, status: 'withdrawn' }
    })
  }

  reply(documentId: string, commentId: string, actor: Participant, body: string): Promise<Comment> {
    return this.mutate(documentId, commentId, actor, 'replied', (current) => {
      CommentService.requireAllowed(actor, 'comment.reply', current)
      return {
        ...current,
        replies: [...current.replies, { id: newId(6), author: personRef(actor), body, createdAt: this.now().toISOString() }],
      }
    })
  }

  resolve(documentId: string, commentId: string, actor: Participant, disposition: Disposition, note: string): Promise<Comment> {
    return this.mutate(
      documentId,
      commentId,
      actor,
      'resolved',
      (current) => {
        CommentService.requireAllowed(actor, 'comment.decide', current)
        return {
          ...current,
          status: 'resolved',
          resolution: { disposition, note, by: personRef(actor), at: this.now().toISOString() },
        }
      },
      disposition,
    )
  }

  reopen(documentId: string, commentId: string, actor: Participant): Promise<Comment> {
    return this.mutate(documentId, commentId, actor, 'reopened', (current) => {
      CommentService.requireAllowed(actor, 'comment.reopen', current)
      const { resolution: _previous, ...rest } = current
      return { ...rest, status: 'open' }
    })
  }

  /** Attaches a comment to new words (after its text was removed, or an import could not place it). */
  reanchor(documentId: string, commentId: string, actor: Participant, input: ReanchorInput): Promise<Comment> {
    return this.mutate(documentId, commentId, actor, 're-anchored', (current, view) => {
      if (current.scope === 'draft' && !current.needsAnchoring) {
        fail('comment.isGeneral', { commentId: current.id })
      }
      let anchor: Anchor
      if (input.range) {
        anchor = { start: input.range.start, end: input.range.end }
        if (!view.resolve(anchor)) fail('anchor.selectionGone')
      } else if (input.anchor) {
        anchor = view.anchorByQuote(input.anchor.quote, input.anchor.occurrence, input.anchor.within).anchor
      } else {
        fail('anchor.rangeOrQuote')
      }
      const { needsAnchoring: _cleared, ...rest } = current
      return { ...rest, scope: 'text', anchors: [anchor, ...current.anchors].slice(0, MAX_ANCHORS) }
    })
  }

  /** Replaces the commented words by the proposed change, as a collaborative edit everyone receives. */
  apply(documentId: string, commentId: string, actor: Participant): Promise<Comment> {
    return this.mutate(documentId, commentId, actor, 'applied', (current, view) => {
      if (current.proposedChange === undefined) fail('comment.noProposal', { commentId: current.id })
      CommentService.requireAllowed(actor, 'comment.apply', current)
      if (current.applied) fail('comment.alreadyApplied', { commentId: current.id })
      if (current.scope !== 'text') fail('comment.notOnWords', { commentId: current.id })
      const resolved = current.anchors.map((a) => view.resolve(a)).find((r) => r !== null)
      if (!resolved) fail('comment.textRemoved', { commentId: current.id })
      const anchor = applyReplacement(view, resolved, current.proposedChange)
      return {
        ...current,
        anchors: [anchor, ...current.anchors].slice(0, MAX_ANCHORS),
        applied: { by: personRef(actor), at: this.now().toISOString() },
      }
    })
  }

  /**
   * New anchor pairs from an editor whose edit moved commented words (move, cut + paste, undo). They
   * may name text the server has not received yet, so they are stored as the newest pair and fall back
   * to the older pairs until that text arrives.
   */
  async repairAnchors(documentId: string, actor: Participant, repairs: readonly AnchorRepair[]): Promise<void> {
    for (const repair of repairs) {
      const current = await this.store.getComment(documentId, repair.commentId)
      if (!current || current.scope === 'draft' || current.anchors.length === 0) continue
      if (composeRepair(current.anchors, repair)[0] === current.anchors[0]) continue
      await this.mutate(documentId, repair.commentId, actor, null, (c) => ({ ...c, anchors: composeRepair(c.anchors, repair) }))
    }
  }

  /** Stores prepared comments as one atomic batch (imports): all or none. */
  async insertBatch(documentId: string, build: (existing: StoredComment[], view: DraftView) => StoredComment[]): Promise<Comment[]> {
    const stored = await this.queue.run(documentId, () =>
      this.withView(documentId, async (view) => {
        const comments = build(await this.store.listComments(documentId), view).map((c) => view.place(c))
        // The batch chose its own ids from the stored comments.
        this.ids.forget(documentId)
        const writes = comments.map((comment) => ({ comment, expectedRev: null }))
        return { comments, write: this.store.putComments(documentId, writes) }
      }),
    )
    await stored.write
    return this.announce(documentId, stored.comments)
  }
}
