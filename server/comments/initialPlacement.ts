import type { Anchor, Comment } from '../../shared/types'
import { fail } from '../../shared/errors'
import type { CreateCommentInput } from '../../shared/validation'
import type { DraftView } from './placement'

/** Where a new comment goes: by quote, by the editor's selection, on one recommendation, or on the whole draft. */
export function initialPlacement(view: DraftView, input: CreateCommentInput): { anchor: Anchor | null; quote: string; scope: Comment['scope'] } {
  const ways = [input.anchor, input.range, input.recommendation].filter((w) => w !== undefined).length
  if (ways > 1) fail('anchor.oneWayOnly')
  if (input.anchor) {
    const { anchor, quote } = view.anchorByQuote(input.anchor.quote, input.anchor.occurrence, input.anchor.within)
    return { anchor, quote, scope: 'text' }
  }
  if (input.range) {
    const anchor = { start: input.range.start, end: input.range.end }
    const range = view.resolve(anchor)
    // The editor's selection may include edits still on their way to the server: trust its quote then.
    const quote = range ? view.textBetween(range) : input.range.quote
    if (!quote) fail('anchor.selectionEmpty')
    return { anchor, quote, scope: 'text' }
  }
  if (input.recommendation !== undefined) {
    const { anchor, quote } = view.anchorRecommendation(input.recommendation)
    return { anchor, quote, scope: 'recommendation' }
  }
  return { anchor: null, quote: '', scope: 'draft' }
}
