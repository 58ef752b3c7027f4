import type * as Y from 'yjs'
import { type Range, describePlacement } from '../../../shared/draft/anchors'
import { textBetween } from '../../../shared/draft/draftText'
import { buildPositionIndex } from '../../../shared/draft/positionIndex'
import { isOutdated } from '../../../shared/draft/proposals'
import type { AnchorState, Comment, Place } from '../../../shared/types'

/** Where a comment's words are now (null when gone or general), with its current place and state. */
export interface CommentPlace {
  range: Range | null
  place: Place
  anchorState: AnchorState
  /** Its proposal was written against other words than it is attached to now. */
  outdated: boolean
}

/** Places every comment against the draft's current text (one position index for all of them). */
export function placeComments(fragment: Y.XmlFragment, comments: readonly Comment[]): Map<string, CommentPlace> {
  const doc = fragment.doc
  const out = new Map<string, CommentPlace>()
  if (!doc) return out
  const index = buildPositionIndex(fragment)
  for (const c of comments) {
    const placed = describePlacement(index, doc, c)
    out.set(c.id, { ...placed, outdated: isOutdated(c, placed.range ? textBetween(index, placed.range) : null) })
  }
  return out
}

/** Just the ranges of the comments that are anchored. */
export function rangesOf(places: ReadonlyMap<string, CommentPlace>): Map<string, Range> {
  const out = new Map<string, Range>()
  for (const [id, p] of places) if (p.range) out.set(id, p.range)
  return out
}
