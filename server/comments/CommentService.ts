import { EventEmitter } from 'node:events'
import {
  type Anchor,
  type Comment,
  type CommentEvent,
  type Disposition,
  DISPOSITIONS_NEEDING_REASON,
  type HistoryAction,
  type Participant,
  type PersonRef,
  type StoredComment,
} from '../../shared/types'
import { type AnchorRepair, composeRepair, MAX_ANCHORS } from '../../shared/draft/anchorRepairs'
import { GENERAL_PLACE, formatPlace } from '../../shared/draft/locator'
import { presentComment } from '../../shared/draft/presentComment'
import { draftFacts } from '../../shared/phases'
import type { CreateCommentInput, EditCommentInput, ReanchorInput } from '../../shared/validation'
import { newId } from '../auth/secrets'
import { AccordError, fail } from '../../shared/errors'
import { type Action, type PolicyPrincipal, assertAllowed, canView, commentFacts } from '../../shared/policy'
import type { LiveDrafts } from '../drafts/LiveDrafts'
import type { Store } from '../store/Store'
import { CommentIdAllocator, draftCommentId } from './commentIds'
import { type CommentOutbox, CommentWriter } from './CommentWriter'
import { initialPlacement } from './initialPlacement'
import type { DraftView } from './placement'

export const personRef = (p: Participant): PersonRef => ({ id: p.id, name: p.name, org: p.org })

/** What comment creation needs to know of delegations (national consolidation). */
export interface Delegations {
  /** Whether the Member State has a focal point: then its members' comments start as drafts. */
  hasFocalPoint(org: string): Promise<boolean>
}

/** The answer to DELETE on a delegation's draft: it is gone, not withdrawn. */
export interface DiscardedDraft {
  id: string
  discarded: true
}

const NO_DELEGATIONS: Delegations = { hasFocalPoint: async () => false }

/**
 * Comments on drafts: creation (anchored by quote, selection or recommendation), edits, replies,
 * withdrawal, decisions and re-anchoring, with a history entry for each (applying proposals:
 * ProposalService). Every change is announced as a `changed` event that the relay pushes to open
 * clients. Comments are stored with their place as data; what this service hands out (API answers,
 * events, exports) also carries it as English `locator` text and says whether a proposal is outdated.
 */
export class CommentService extends EventEmitter<{ changed: [string, CommentEvent] }> {
  private readonly ids = new CommentIdAllocator()
  readonly writer: CommentWriter

  constructor(
    private readonly store: Store,
    drafts: LiveDrafts,
    readonly now: () => Date = () => new Date(),
    private readonly delegations: Delegations = NO_DELEGATIONS,
    outbox: CommentOutbox | null = null,
  ) {
    super()
    this.writer = new CommentWriter(store, drafts, (documentId, event) => this.emit('changed', documentId, event), outbox)
  }

  /** The comments `viewer` may see, as stored, without placing them in the text (for comparisons that need no place). */
  async stored(documentId: string, viewer: PolicyPrincipal): Promise<StoredComment[]> {
    return (await this.store.listComments(documentId)).filter((c) => canView(viewer, c))
  }

  /**
   * Every comment of a draft, whoever may see it, with current places, in document order (general
   * first, orphans last): only for callers that filter per viewer themselves (the list cache).
   */
  listAll(documentId: string): Promise<Comment[]> {
    return this.placedInOrder(documentId, null)
  }

  /** The comments `viewer` may see, placed, in document order (general first, orphans last). */
  list(documentId: string, viewer: PolicyPrincipal): Promise<Comment[]> {
    return this.placedInOrder(documentId, viewer)
  }

  private placedInOrder(documentId: string, viewer: PolicyPrincipal | null): Promise<Comment[]> {
    return this.writer.withView(documentId, async (view) => {
      const stored = await this.store.listComments(documentId)
      const placed = (viewer ? stored.filter((c) => canView(viewer, c)) : stored).map((c) => view.placeInOrder(c))
      placed.sort((a, b) => a.order - b.order || a.comment.createdAt.localeCompare(b.comment.createdAt) || a.comment.id.localeCompare(b.comment.id))
      return placed.map((p) => presentComment(p.comment, p.range ? view.textBetween(p.range) : null))
    })
  }

  /** One comment as `viewer` may see it; 404 when there is none, or not for them. */
  async get(documentId: string, commentId: string, viewer: PolicyPrincipal): Promise<Comment> {
    return this.writer.withView(documentId, async (view) => {
      const comment = await this.writer.require(documentId, commentId)
      assertAllowed(viewer, 'comment.view', { comment: commentFacts(comment) })
      return view.present(comment)
    })
  }

  /**
   * Whether a new comment starts as a draft of the author's delegation: always for members of a
   * delegation that has a focal point, and for a focal point who chose to save it as a draft.
   */
  private async startsAsDraft(author: Participant, input: CreateCommentInput): Promise<boolean> {
    if (author.role === 'chair') {
      if (input.saveAsDraft) fail('policy.notFocalPoint')
      return false
    }
    if (author.focalPoint) return input.saveAsDraft === true
    const consolidating = await this.delegations.hasFocalPoint(author.org)
    if (input.saveAsDraft && !consolidating) fail('policy.notFocalPoint')
    return consolidating
  }

  /** The next public id for `org` on this draft ("NO-004"); call under the draft's lock (`writer.commit`). */
  nextPublicId(documentId: string, org: string): Promise<string> {
    return this.ids.next(documentId, org, () => this.store.listComments(documentId))
  }

  /** Forgets the draft's id sequences after a write the store refused. */
  forgetIds(documentId: string): void {
    this.ids.forget(documentId)
  }

  async create(documentId: string, author: Participant, input: CreateCommentInput): Promise<Comment> {
    const draft = await this.startsAsDraft(author, input)
    const [created] = await this.writer.commit(
      documentId,
      async (view) => {
        const { anchor, quote, scope } = initialPlacement(view, input)
        const at = this.now().toISOString()
        const meta = await this.store.getDocument(documentId)
        // A draft gets its public id when submitted, so the committee's ids have no gaps.
        const id = draft ? draftCommentId(author.org) : await this.nextPublicId(documentId, author.org)
        const comment: StoredComment = {
          id,
          documentId,
          author: personRef(author),
          type: input.type,
          body: input.body,
          ...(input.proposedChange !== undefined ? { proposedChange: input.proposedChange, proposedAgainst: quote } : {}),
          quote,
          round: meta ? draftFacts(meta).round : 1,
          scope,
          anchors: anchor ? [anchor] : [],
          place: GENERAL_PLACE,
          anchorState: scope === 'draft' ? 'general' : 'anchored',
          status: draft ? 'draft' : 'open',
          replies: [],
          history: [{ action: 'created', by: personRef(author), at }],
          createdAt: at,
          updatedAt: at,
          rev: 1,
        }
        return [{ comment, expectedRev: null }]
      },
      // The store took the comment back: read the sequences again rather than guess.
      () => this.ids.forget(documentId),
    )
    return created!
  }

  /**
   * Changes one comment under the draft's lock: `change` returns the new comment (or throws an
   * AccordError); revision, time, history and placement are filled in here.
   */
  async mutate(
    documentId: string,
    commentId: string,
    actor: Participant | null,
    action: HistoryAction | null,
    change: (current: StoredComment, view: DraftView) => StoredComment,
    /** What the history entry adds (a decision's disposition, the words a comment was on). */
    detailOf?: (current: StoredComment) => string | undefined,
  ): Promise<Comment> {
    const [changed] = await this.writer.commit(documentId, async (view) => {
      const current = await this.writer.require(documentId, commentId)
      // A comment someone may not see does not exist for them (a 404, as for a read).
      if (action && actor) assertAllowed(actor, 'comment.view', { comment: commentFacts(current) })
      const at = this.now().toISOString()
      const next = change(current, view)
      const detail = detailOf?.(current)
      const history = action && actor ? [...next.history, { action, by: personRef(actor), at, ...(detail ? { detail } : {}) }] : next.history
      return [{ comment: { ...next, history, updatedAt: at, rev: current.rev + 1 }, expectedRev: current.rev }]
    })
    return changed!
  }

  /** The policy's answer for `actor` doing `action` on this comment, thrown when it is no. */
  static requireAllowed(actor: Participant, action: Action, current: StoredComment): void {
    assertAllowed(actor, action, { comment: commentFacts(current) })
  }

  edit(documentId: string, commentId: string, actor: Participant, patch: EditCommentInput): Promise<Comment> {
    return this.mutate(documentId, commentId, actor, 'edited', (current, view) => {
      CommentService.requireAllowed(actor, 'comment.edit', current)
      const next: StoredComment = { ...current, ...(patch.type ? { type: patch.type } : {}), ...(patch.body ? { body: patch.body } : {}) }
      if (patch.proposedChange !== undefined && patch.proposedChange !== current.proposedChange) {
        delete next.proposedChange
        delete next.proposedAgainst
        // A new proposal is written against the words as they read now.
        if (patch.proposedChange) Object.assign(next, { proposedChange: patch.proposedChange, proposedAgainst: view.wordsOf(current) ?? current.quote })
      }
      return next
    })
  }

  /** Withdraws a comment (kept in the record); a delegation's draft is discarded instead (taken out). */
  async withdraw(documentId: string, commentId: string, actor: Participant): Promise<Comment | DiscardedDraft> {
    const current = await this.writer.require(documentId, commentId)
    if (current.status === 'draft') return this.discard(documentId, commentId, actor)
    return this.mutate(documentId, commentId, actor, 'withdrawn', (current) => {
      CommentService.requireAllowed(actor, 'comment.withdraw', current)
      return { ...current, status: 'withdrawn' }
    })
  }

  /** Takes a draft out of the record: its author or the delegation's focal point. */
  private async discard(documentId: string, commentId: string, actor: Participant): Promise<DiscardedDraft> {
    await this.writer.commit(documentId, async () => {
      const current = await this.writer.require(documentId, commentId)
      assertAllowed(actor, 'comment.view', { comment: commentFacts(current) })
      assertAllowed(actor, 'comment.withdraw', { comment: commentFacts(current) })
      if (current.status !== 'draft') fail('policy.notDraft', { commentId })
      return { writes: [], removals: [{ comment: current }] }
    })
    return { id: commentId, discarded: true }
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

  /** Decides a comment; "Not accepted" and "Accepted with modification" need observations (the reason). */
  resolve(documentId: string, commentId: string, actor: Participant, disposition: Disposition, note: string): Promise<Comment> {
    if (DISPOSITIONS_NEEDING_REASON.has(disposition) && !note.trim()) fail('decision.reasonRequired', { disposition })
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
          resolution: { disposition, note: note.trim(), by: personRef(actor), at: this.now().toISOString() },
        }
      },
      () => disposition,
    )
  }

  reopen(documentId: string, commentId: string, actor: Participant): Promise<Comment> {
    return this.mutate(documentId, commentId, actor, 'reopened', (current) => {
      CommentService.requireAllowed(actor, 'comment.reopen', current)
      const { resolution: _previous, ...rest } = current
      return { ...rest, status: 'open' }
    })
  }

  /**
   * Attaches a comment to new words (after its text was removed, or an import could not place it). Its
   * quote becomes those words, so the editor, the dashboard and every export show the same; the words it
   * had are kept in the history entry.
   */
  reanchor(documentId: string, commentId: string, actor: Participant, input: ReanchorInput): Promise<Comment> {
    return this.mutate(
      documentId,
      commentId,
      actor,
      're-anchored',
      (current, view) => {
        if (current.scope === 'draft' && !current.needsAnchoring) fail('comment.isGeneral', { commentId: current.id })
        let anchor: Anchor
        let quote: string
        if (input.range) {
          anchor = { start: input.range.start, end: input.range.end }
          const range = view.resolve(anchor)
          if (!range) fail('anchor.selectionGone')
          quote = view.textBetween(range)
        } else if (input.anchor) {
          ;({ anchor, quote } = view.anchorByQuote(input.anchor.quote, input.anchor.occurrence, input.anchor.within))
        } else {
          fail('anchor.rangeOrQuote')
        }
        const { needsAnchoring: _cleared, ...rest } = current
        return { ...rest, scope: 'text', quote, anchors: [anchor, ...current.anchors].slice(0, MAX_ANCHORS) }
      },
      (current) => current.quote || undefined,
    )
  }

  /**
   * New anchor pairs from an editor whose edit moved commented words (move, cut + paste, undo, an applied
   * proposal). They may name text the server has not received yet, so they are stored as the newest pair
   * and fall back to the older pairs until that text arrives.
   */
  async repairAnchors(documentId: string, actor: Participant, repairs: readonly AnchorRepair[]): Promise<void> {
    for (const repair of repairs) {
      const current = await this.store.getComment(documentId, repair.commentId)
      if (!current || current.scope === 'draft' || current.anchors.length === 0) continue
      if (composeRepair(current.anchors, repair)[0] === current.anchors[0]) continue
      await this.mutate(documentId, repair.commentId, actor, null, (c) => ({ ...c, anchors: composeRepair(c.anchors, repair) }))
    }
  }

  /**
   * Comments whose words are gone but read again, exactly, at the place they were (after a version was
   * restored) are attached to those words again. Returns their ids.
   */
  async reattachByQuote(documentId: string, actor: Participant): Promise<string[]> {
    const orphans = await this.writer.withView(documentId, async (view) =>
      (await this.store.listComments(documentId)).filter((c) => c.scope === 'text' && c.quote !== '' && c.status !== 'withdrawn' && view.wordsOf(c) === null),
    )
    const reattached: string[] = []
    for (const orphan of orphans) {
      const within = orphan.place.kind === 'recommendation' ? formatPlace(orphan.place) : undefined
      try {
        await this.mutate(documentId, orphan.id, actor, null, (current, view) => {
          const { anchor } = view.anchorByQuote(current.quote, 1, within)
          return { ...current, anchors: [anchor, ...current.anchors].slice(0, MAX_ANCHORS) }
        })
        reattached.push(orphan.id)
      } catch (err) {
        // Its words did not come back there: it keeps its quote, as text removed.
        if (!(err instanceof AccordError)) throw err
      }
    }
    return reattached
  }

  /** Stores prepared comments as one atomic batch (imports): all or none. */
  insertBatch(documentId: string, build: (existing: StoredComment[], view: DraftView) => StoredComment[]): Promise<Comment[]> {
    return this.writer.commit(documentId, async (view) => {
      const comments = build(await this.store.listComments(documentId), view)
      // The batch chose its own ids from the stored comments.
      this.ids.forget(documentId)
      return comments.map((comment) => ({ comment, expectedRev: null }))
    })
  }
}
