import * as Y from 'yjs'
import { fromBase64, toBase64 } from 'lib0/buffer'
import type { Anchor, AnchorState, Comment } from '../types'
import { GENERAL_LOCATOR, formatLocator } from './locator'
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
    return Y.decodeRelativePosition(fromBase64(encoded))
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

/** Resolves one anchor pair; null when it no longer covers anything. */
export function resolveAnchor(
  index: PositionIndex,
  doc: Y.Doc,
  anchor: Anchor,
  followUndoneDeletions = true,
): Range | null {
  const start = decodeRelative(anchor.start)
  const end = decodeRelative(anchor.end)
  if (!start || !end) return null
  const from = relativeToPm(index, doc, start, followUndoneDeletions)
  const to = relativeToPm(index, doc, end, followUndoneDeletions)
  if (from === null || to === null || to <= from) return null
  return { from, to }
}

/**
 * The comment's current range: the newest anchor pair that still covers text. Older pairs stay valid
 * as fallbacks, so undoing a move brings a comment back to its original words.
 */
export function resolveCommentRange(
  index: PositionIndex,
  doc: Y.Doc,
  anchors: readonly Anchor[],
  followUndoneDeletions = true,
): { range: Range; anchor: Anchor } | null {
  for (const anchor of anchors) {
    const range = resolveAnchor(index, doc, anchor, followUndoneDeletions)
    if (range) return { range, anchor }
  }
  return null
}

/** Locator and anchor state of a comment in the current draft. */
export function describePlacement(
  index: PositionIndex,
  doc: Y.Doc,
  comment: Pick<Comment, 'scope' | 'anchors' | 'locator'>,
): { locator: string; anchorState: AnchorState; range: Range | null } {
  if (comment.scope === 'draft') return { locator: GENERAL_LOCATOR, anchorState: 'general', range: null }
  const resolved = resolveCommentRange(index, doc, comment.anchors)
  if (!resolved) return { locator: comment.locator, anchorState: 'orphaned', range: null }
  // Inside a recommendation element the first text is its statement: one position in is enough.
  const probe = comment.scope === 'recommendation' ? resolved.range.from + 1 : resolved.range.from
  return { locator: formatLocator(placeAt(index, probe)), anchorState: 'anchored', range: resolved.range }
}
