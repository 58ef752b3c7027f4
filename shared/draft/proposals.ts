import type * as Y from 'yjs'
import type { Denial } from '../policy'
import type { Anchor, StoredComment } from '../types'
import type { AnchorRepair } from './anchorRepairs'
import { type Range, encodeRelative, resolveAnchor, resolveCommentRange } from './anchors'
import { segmentHolding, textBetween } from './draftText'
import { type PositionIndex, pmToRelative } from './positionIndex'

/**
 * Applying proposed changes safely, the same way in the browser (the applying person's own, undoable
 * edit) and on the server (the REST apply for scripts): only the comment's own words are replaced, never
 * another comment's applied wording; a proposal whose words changed since it was written is "outdated"
 * and needs a confirmation; comments that overlapped the replaced words are re-anchored to what is left
 * of their own words, so no highlight grows over words it never covered.
 */

/** The words a proposal was written against. */
export const proposalBase = (c: Pick<StoredComment, 'proposedAgainst' | 'quote'>): string => c.proposedAgainst ?? c.quote

/** Where a comment's applied words are (changes applied before this was recorded: its newest anchor). */
const appliedAnchor = (c: StoredComment): Anchor | undefined => c.applied?.anchor ?? (c.applied ? c.anchors[0] : undefined)

/** The range and text of a comment's applied words while they are still in the draft as they were put in. */
export function appliedWordsInText(index: PositionIndex, doc: Y.Doc, c: StoredComment): Range | null {
  const anchor = appliedAnchor(c)
  const range = anchor ? resolveAnchor(index, doc, anchor) : null
  if (!range || !c.applied) return null
  const words = textBetween(index, range)
  return c.applied.after === undefined || words === c.applied.after ? range : null
}

/** An open proposal whose words now differ from those it was written against (null: its words are gone). */
export function isOutdated(c: StoredComment, wordsNow: string | null): boolean {
  if (c.proposedChange === undefined || c.applied || c.status !== 'open' || c.scope !== 'text') return false
  return wordsNow !== proposalBase(c)
}

const EDGE_PUNCTUATION = /^[,.;:!?]$/

/**
 * The proposal as it should go into the text between `before` and `after`: no doubled punctuation or
 * spaces where it meets them ("signatures," before a comma gave "signatures,,").
 */
export function fitReplacement(before: string, proposal: string, after: string): string {
  let text = proposal
  const last = text.at(-1)
  if (last !== undefined && EDGE_PUNCTUATION.test(last) && after.startsWith(last)) text = text.slice(0, -1)
  if (/\s$/.test(text) && (after === '' || /^\s/.test(after))) text = text.trimEnd()
  if (/^\s/.test(text) && (before === '' || /\s$/.test(before))) text = text.trimStart()
  return text
}

/** What applying (or reverting) would do: replace `range` (now reading `before`) by `after`. */
export interface Replacement {
  range: Range
  before: string
  after: string
  /** New anchor ends for other comments whose words the replacement cuts into. */
  repairs: AnchorRepair[]
}

export type ApplyPlan = { ok: true; plan: Replacement & { outdated: boolean } } | ({ ok: false } & Denial)

const refuse = (denial: Denial): { ok: false } & Denial => ({ ok: false, ...denial })

/**
 * Plans applying `comment`'s proposal to the draft as it is now; `others` are the draft's other comments.
 * Outdated proposals are planned too (the caller asks for a confirmation, showing `before` and `after`).
 */
export function planApply(index: PositionIndex, doc: Y.Doc, comment: StoredComment, others: readonly StoredComment[]): ApplyPlan {
  const commentId = comment.id
  if (comment.proposedChange === undefined) return refuse({ code: 'comment.noProposal', params: { commentId } })
  if (comment.scope !== 'text') return refuse({ code: 'comment.notOnWords', params: { commentId } })
  if (appliedWordsInText(index, doc, comment)) return refuse({ code: 'comment.alreadyApplied', params: { commentId } })
  const range = resolveCommentRange(index, doc, comment.anchors)?.range
  if (!range) return refuse({ code: 'comment.textRemoved', params: { commentId } })
  const seg = segmentHolding(index, range)
  if (!seg) return refuse({ code: 'apply.spansBlocks', params: {} })
  for (const other of others) {
    if (other.id === commentId) continue
    const applied = appliedWordsInText(index, doc, other)
    if (applied && applied.from < range.to && applied.to > range.from) {
      return refuse({ code: 'apply.containsApplied', params: { commentId, appliedId: other.id } })
    }
  }
  const before = textBetween(index, range)
  const segText = textBetween(index, { from: seg.from, to: seg.to })
  const after = fitReplacement(segText.slice(0, range.from - seg.from), comment.proposedChange, segText.slice(range.to - seg.from))
  const repairs = repairsAround(index, doc, range, others, commentId)
  return { ok: true, plan: { range, before, after, outdated: before !== proposalBase(comment), repairs } }
}

export type RevertPlan = { ok: true; plan: Replacement } | ({ ok: false } & Denial)

/** Plans putting back the words an applied proposal replaced, while the applied words are unchanged. */
export function planRevert(index: PositionIndex, doc: Y.Doc, comment: StoredComment, others: readonly StoredComment[]): RevertPlan {
  const commentId = comment.id
  const applied = comment.applied
  if (!applied) return refuse({ code: 'revert.notApplied', params: { commentId } })
  if (applied.before === undefined || applied.after === undefined) return refuse({ code: 'revert.unrecorded', params: { commentId } })
  const range = appliedWordsInText(index, doc, comment)
  if (!range || textBetween(index, range) !== applied.after) return refuse({ code: 'revert.changed', params: { commentId } })
  const repairs = repairsAround(index, doc, range, others, commentId)
  return { ok: true, plan: { range, before: applied.after, after: applied.before, repairs } }
}

/**
 * New anchor ends for the other comments whose words `range` cuts into, computed before the words are
 * replaced. Yjs puts new text after the deleted characters, and a position on a deleted character
 * resolves to where it was: a comment starting inside the replaced words would start before the new
 * words and grow over them. Instead: one starting inside now starts after the new words, one ending
 * inside ends before them, one lying wholly inside loses its words (text removed); one enclosing the
 * range keeps the new words (its words changed, so its own proposal becomes outdated).
 */
function repairsAround(index: PositionIndex, doc: Y.Doc, range: Range, others: readonly StoredComment[], except: string): AnchorRepair[] {
  const afterNew = encodeRelative(pmToRelative(index, range.to, 0))
  const beforeNew = encodeRelative(pmToRelative(index, range.from, -1))
  const repairs: AnchorRepair[] = []
  for (const other of others) {
    if (other.id === except || other.scope !== 'text') continue
    const r = resolveCommentRange(index, doc, other.anchors)?.range
    if (!r || r.to <= range.from || r.from >= range.to) continue
    const startsInside = r.from >= range.from
    const endsInside = r.to <= range.to
    if (startsInside && endsInside) repairs.push({ commentId: other.id, start: afterNew, end: afterNew })
    else if (startsInside) repairs.push({ commentId: other.id, start: afterNew })
    else if (endsInside) repairs.push({ commentId: other.id, end: beforeNew })
  }
  return repairs
}

/** An anchor on the words a replacement put in, once it is in the text (`at` is where they start). */
export function anchorOnReplacement(index: PositionIndex, at: number, length: number): Anchor {
  return {
    start: encodeRelative(pmToRelative(index, at, 0)),
    end: encodeRelative(pmToRelative(index, at + length, -1)),
  }
}
