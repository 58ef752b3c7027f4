import { type AnchorRepair, composeRepair, MAX_ANCHORS } from '../../shared/draft/anchorRepairs'
import { planApply, planRevert, proposalBase, type Replacement } from '../../shared/draft/proposals'
import { fail } from '../../shared/errors'
import { assertAllowed, commentFacts } from '../../shared/policy'
import type { Anchor, Comment, HistoryAction, Participant, StoredComment } from '../../shared/types'
import type { ApplyInput, PerformedEdit } from '../../shared/validation'
import type { LiveDrafts } from '../drafts/LiveDrafts'
import type { CommentWrite, Store } from '../store/Store'
import { replaceWords } from './applyProposedChange'
import { CommentService, personRef } from './CommentService'
import type { DraftView } from './placement'

/** How long the server waits for an edit a person made in their window to arrive over the socket (ms). */
const PERFORMED_EDIT_WAIT_MS = 5000

/** Proposal as it could have gone into the text, ignoring what `fitReplacement` takes off its edges. */
const core = (text: string) => text.replace(/^\s+/, '').replace(/[\s,.;:!?]+$/, '')

/**
 * Applying a comment's proposed change, and reverting it. In the editor the applying person makes the
 * edit in their own window (so Ctrl+Z there undoes it) and reports it with `performed`; the server
 * checks the words are there and records it. Scripts let the server make the edit. Either way an
 * applied comment records the words before and after, a proposal whose words changed since it was
 * written needs `confirm`, and no other comment's applied words are ever touched.
 */
export class ProposalService {
  constructor(
    private readonly comments: CommentService,
    private readonly store: Store,
    private readonly drafts: LiveDrafts,
  ) {}

  apply(documentId: string, commentId: string, actor: Participant, input: ApplyInput): Promise<Comment> {
    return this.replace(documentId, commentId, actor, 'applied', input, (view, current, others) => {
      const plan = planApply(view.index, view.doc, current, others)
      if (!plan.ok) fail(plan.code, plan.params)
      if (plan.plan.outdated && !input.confirm) {
        fail('comment.outdated', { commentId, now: plan.plan.before, base: proposalBase(current) })
      }
      return plan.plan
    })
  }

  revert(documentId: string, commentId: string, actor: Participant, input: ApplyInput): Promise<Comment> {
    return this.replace(documentId, commentId, actor, 'reverted', input, (view, current, others) => {
      const plan = planRevert(view.index, view.doc, current, others)
      if (!plan.ok) fail(plan.code, plan.params)
      return plan.plan
    })
  }

  private async replace(
    documentId: string,
    commentId: string,
    actor: Participant,
    action: Extract<HistoryAction, 'applied' | 'reverted'>,
    input: ApplyInput,
    plan: (view: DraftView, current: StoredComment, others: StoredComment[]) => Replacement,
  ): Promise<Comment> {
    const { performed } = input
    if (performed && !(await this.drafts.hasReceived(documentId, performed.clientId, performed.clock, PERFORMED_EDIT_WAIT_MS))) {
      fail('apply.notReceived')
    }
    const now = this.comments.now().toISOString()
    const [changed] = await this.comments.writer.commit(documentId, async (view) => {
      const current = await this.comments.writer.require(documentId, commentId)
      assertAllowed(actor, 'comment.view', { comment: commentFacts(current) })
      CommentService.requireAllowed(actor, action === 'applied' ? 'comment.apply' : 'comment.revert', current)
      const writes: CommentWrite[] = []
      let done: { anchor: Anchor; before: string; after: string }
      if (performed) {
        done = checkPerformed(view, current, action, performed)
      } else {
        const others = (await this.store.listComments(documentId)).filter((c) => c.id !== commentId)
        const replacement = plan(view, current, others)
        done = { anchor: replaceWords(view, replacement, personRef(actor)).anchor, before: replacement.before, after: replacement.after }
        writes.push(...repairedOthers(others, replacement.repairs, now))
      }
      const { applied: _was, ...rest } = current
      const next: StoredComment = {
        ...rest,
        ...(action === 'applied' ? { applied: { by: personRef(actor), at: now, before: done.before, after: done.after, anchor: done.anchor } } : {}),
        anchors: [done.anchor, ...current.anchors].slice(0, MAX_ANCHORS),
        history: [...current.history, { action, by: personRef(actor), at: now }],
        updatedAt: now,
        rev: current.rev + 1,
      }
      return [{ comment: next, expectedRev: current.rev }, ...writes]
    })
    return changed!
  }
}

/** The edit a person made in their window is in the text as `performed` says, and is the change asked for. */
function checkPerformed(view: DraftView, current: StoredComment, action: 'applied' | 'reverted', performed: PerformedEdit) {
  const range = view.resolve(performed.anchor)
  const words = range ? view.textBetween(range) : ''
  const expected = action === 'applied' ? current.proposedChange : current.applied?.before
  const matches = expected !== undefined && words === performed.after && (action === 'reverted' ? words === expected : core(words) === core(expected))
  if (!matches) fail('apply.notPerformed', { commentId: current.id })
  return { anchor: performed.anchor, before: performed.before, after: performed.after }
}

/** Other comments re-anchored around the replaced words (the server made the edit, so it repairs too). */
function repairedOthers(others: readonly StoredComment[], repairs: readonly AnchorRepair[], at: string): CommentWrite[] {
  return repairs.flatMap((repair) => {
    const other = others.find((c) => c.id === repair.commentId)
    if (!other) return []
    return [{ comment: { ...other, anchors: composeRepair(other.anchors, repair), updatedAt: at, rev: other.rev + 1 }, expectedRev: other.rev }]
  })
}
