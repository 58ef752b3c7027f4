import * as Y from 'yjs'
import { fromBase64, toBase64 } from 'lib0/buffer'
import type { Anchor, AnchorState, Place, StoredComment } from '../types'
import { GENERAL_PLACE, placeOf } from './locator'
import { type PositionIndex, placeAt, pmToRelative, relativeToPm } from './positionIndex'

/** A resolved place in the current draft (ProseMirror positions). */
export interface Range {
  from: number
  to: number
}

export function encodeRelative(rel: Y.RelativePosition): string {
  return toBase64(Y.encodeRelativePosition(rel))
}

/** Decodes an anchor end; null when the bytes are not a relative position (bad input never throws). */
export function decodeRelative(encoded: string): Y.RelativePosition | null {
  try {
    const rel = Y.decodeRelativePosition(fromBase64(encoded))
    // Bytes of an unknown kind decode to a position naming nothing, which Yjs would throw on when resolved.
    return rel.item === null && rel.type === null && rel.tname === null ? null : rel
  } catch {
    return null
  }
}

/** Anchors the text range [from, to): edits at either edge stay outside, edits inside extend it. */
export function anchorForRange(index: PositionIndex, from: number, to: number): Anchor {
  return {
    start: encodeRelative(pmToRelative(index, from, 0)),
    end: encodeRelative(pmToRelative(index, to, -1)),
  }
}

/** Anchors a whole top-level block (a recommendation) by its position among the draft's children. */
export function anchorForTopLevelBlock(index: PositionIndex, element: Y.XmlElement): Anchor {
  const children = index.fragment.toArray()
  const i = children.indexOf(element)
  if (i < 0) throw new Error('element is not a top-level block of the draft')
  return {
    start: encodeRelative(Y.createRelativePositionFromTypeIndex(index.fragment, i, 0)),
    end: encodeRelative(Y.createRelativePositionFromTypeIndex(index.fragment, i + 1, -1)),
  }
}

/**
 * Where one anchor pair stands: a range; `collapsed` when its words were deleted; `unresolved` when an
 * end points into text this replica does not have (not received yet, or a block that was moved away).
 */
export type AnchorResolution = { kind: 'range'; range: Range } | { kind: 'collapsed' } | { kind: 'unresolved' }

export function resolveAnchorPair(
  index: PositionIndex,
  doc: Y.Doc,
  anchor: Anchor,
  followUndoneDeletions = true,
): AnchorResolution {
  const start = decodeRelative(anchor.start)
  const end = decodeRelative(anchor.end)
  if (!start || !end) return { kind: 'unresolved' }
  const from = relativeToPm(index, doc, start, followUndoneDeletions)
  const to = relativeToPm(index, doc, end, followUndoneDeletions)
  if (from === null || to === null) return { kind: 'unresolved' }
  if (to > from) return { kind: 'range', range: { from, to } }
  // A pair around a whole block (a recommendation comment) collapses when the block is removed, e.g. the
  // copy a move made was taken back by an undo: like text inside a removed block, hand over to older pairs.
  return namesRemovedBlock(doc, start) ? { kind: 'unresolved' } : { kind: 'collapsed' }
}

/** Whether a relative position sticks to an element (not a character) that has been deleted. */
function namesRemovedBlock(doc: Y.Doc, rel: Y.RelativePosition): boolean {
  if (rel.item === null || Y.getState(doc.store, rel.item.client) <= rel.item.clock) return false
  const item = Y.getItem(doc.store, rel.item)
  return item instanceof Y.Item && item.deleted && item.content instanceof Y.ContentType
}

/** Resolves one anchor pair; null when it no longer covers anything. */
export function resolveAnchor(index: PositionIndex, doc: Y.Doc, anchor: Anchor, followUndoneDeletions = true): Range | null {
  const r = resolveAnchorPair(index, doc, anchor, followUndoneDeletions)
  return r.kind === 'range' ? r.range : null
}

/**
 * The comment's current range from its anchor pairs, newest first. A pair whose words were deleted means
 * the comment is orphaned; only a pair that cannot be resolved here (its block was moved, or its text has
 * not arrived yet) hands over to the older pair, so undoing a move brings a comment back to its words.
 */
export function resolveCommentRange(
  index: PositionIndex,
  doc: Y.Doc,
  anchors: readonly Anchor[],
  followUndoneDeletions = true,
): { range: Range; anchor: Anchor } | null {
  for (const anchor of anchors) {
    const r = resolveAnchorPair(index, doc, anchor, followUndoneDeletions)
    if (r.kind === 'range') return { range: r.range, anchor }
    if (r.kind === 'collapsed') return null
  }
  return null
}

/** Place and anchor state of a comment in the current draft (an orphan keeps its last known place). */
export function describePlacement(
  index: PositionIndex,
  doc: Y.Doc,
  comment: Pick<StoredComment, 'scope' | 'anchors' | 'place'>,
): { place: Place; anchorState: AnchorState; range: Range | null } {
  if (comment.scope === 'draft') return { place: GENERAL_PLACE, anchorState: 'general', range: null }
  const resolved = resolveCommentRange(index, doc, comment.anchors)
  if (!resolved) return { place: comment.place, anchorState: 'orphaned', range: null }
  // Inside a recommendation element the first text is its statement: one position in is enough.
  const probe = comment.scope === 'recommendation' ? resolved.range.from + 1 : resolved.range.from
  return { place: placeOf(placeAt(index, probe)), anchorState: 'anchored', range: resolved.range }
}
