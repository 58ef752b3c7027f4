import type * as Y from 'yjs'
import { CONTENT_FIELD } from '../../shared/protocol'
import { type Range, anchorForRange, anchorForTopLevelBlock, describePlacement, resolveAnchor } from '../../shared/draft/anchors'
import { parsePlace, samePlace } from '../../shared/draft/locator'
import { textBetween } from '../../shared/draft/draftText'
import { type PositionIndex, buildPositionIndex } from '../../shared/draft/positionIndex'
import { presentComment } from '../../shared/draft/presentComment'
import { findExact } from '../../shared/draft/quoteSearch'
import type { Anchor, Comment, StoredComment } from '../../shared/types'
import { fail } from '../../shared/errors'

/**
 * Comment placement against a draft's Y.Doc on the server: anchoring by quote, by recommendation or by
 * relative positions from the editor, and the current place and anchor state of stored comments.
 */
export class DraftView {
  readonly index: PositionIndex

  constructor(readonly doc: Y.Doc) {
    this.index = buildPositionIndex(doc.getXmlFragment(CONTENT_FIELD))
  }

  /** Text between two positions, hard breaks as newlines. */
  textBetween(range: Range): string {
    return textBetween(this.index, range)
  }

  /** Anchors a quote found in the text; 422 when it is not there. */
  anchorByQuote(quote: string, occurrence = 1, within?: string): { anchor: Anchor; quote: string } {
    const parsed = within ? parsePlace(within) : null
    if (parsed && parsed.kind !== 'recommendation') {
      fail('anchor.withinInvalid')
    }
    const range = findExact(this.index, quote, occurrence, parsed)
    if (!range) fail('anchor.quoteNotFound', { quote, occurrence, within: within ?? null })
    return { anchor: anchorForRange(this.index, range.from, range.to), quote }
  }

  /** Anchors a general comment on recommendation `n`; 422 when there is no such recommendation. */
  anchorRecommendation(n: number): { anchor: Anchor; quote: string } {
    const element = this.index.recommendations[n - 1]
    if (!element) fail('anchor.noSuchRecommendation', { recommendation: n, count: this.index.recommendations.length })
    return { anchor: anchorForTopLevelBlock(this.index, element), quote: `Recommendation ${n}` }
  }

  /** Resolves an anchor pair sent by the editor; null if it covers nothing in the server's copy (yet). */
  resolve(anchor: Anchor): Range | null {
    return resolveAnchor(this.index, this.doc, anchor)
  }

  /** The comment with its current place and anchor state. */
  place(comment: StoredComment): StoredComment {
    return this.placeInOrder(comment).comment
  }

  /** The words a comment is attached to now; null when they are gone or it is general. */
  wordsOf(comment: StoredComment): string | null {
    const { range } = describePlacement(this.index, this.doc, comment)
    return range ? this.textBetween(range) : null
  }

  /** The comment placed, as the API sends it (with its locator, and whether its proposal is outdated). */
  present(comment: StoredComment): Comment {
    const { comment: placed, range } = this.placeInOrder(comment)
    return presentComment(placed, range ? this.textBetween(range) : null)
  }

  /**
   * The comment placed (as `place`), the range of its words now (null when gone or general), and its
   * sort key for document order: general comments first, then by position, orphans last.
   */
  placeInOrder(comment: StoredComment): { comment: StoredComment; range: Range | null; order: number } {
    const { place, anchorState, range } = describePlacement(this.index, this.doc, comment)
    const placed = samePlace(place, comment.place) && anchorState === comment.anchorState ? comment : { ...comment, place, anchorState }
    const order = comment.scope === 'draft' ? -1 : range ? range.from : Number.MAX_SAFE_INTEGER
    return { comment: placed, range, order }
  }
}
