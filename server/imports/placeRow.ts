import type { Range } from '../../shared/draft/anchors'
import { formatPlace, placeOf } from '../../shared/draft/locator'
import { placeAt } from '../../shared/draft/positionIndex'
import { locateQuote } from '../../shared/draft/quoteSearch'
import type { DraftView } from '../comments/placement'
import type { ImportRow, RowMatch } from '../../shared/commentImport'
import type { Place } from '../../shared/types'

/**
 * Where an imported row goes:
 * - `text`: its quote was found (exactly, ignoring case and spacing, or approximately within its Location);
 * - `recommendation`: no quote, and its Location names a whole recommendation that exists;
 * - `general`: no quote, and its Location is empty or "General" — a comment on the whole draft;
 * - `unanchored`: the quote was not found, or the Location names a place no quote pins down. It is
 *   stored as a general comment marked "needs anchoring" for an editor or chair to place;
 * - `removed`: the table says its words were deleted from the draft ("… (text removed)"): it is kept as
 *   such at the place named, not attached to the same words elsewhere.
 */
export type RowPlacement =
  | { kind: 'text'; range: Range; match: RowMatch }
  | { kind: 'recommendation'; number: number }
  | { kind: 'general' }
  | { kind: 'unanchored' }
  | { kind: 'removed'; place: Place }

export function placeRow(view: DraftView, row: ImportRow): RowPlacement {
  if (row.markedRemoved && row.quote !== '') return { kind: 'removed', place: row.place }
  const within = row.place.kind === 'recommendation' ? row.place : null
  if (row.quote !== '') {
    const found = locateQuote(view.index, row.quote, within)
    if (!found) return { kind: 'unanchored' }
    const range = { from: found.from, to: found.to }
    const place = placeOf(placeAt(view.index, found.from))
    return {
      kind: 'text',
      range,
      match: { method: found.method, confidence: found.confidence, place, locator: formatPlace(place), text: view.textBetween(range) },
    }
  }
  if (row.place.kind === 'general') return { kind: 'general' }
  if (within && within.action.length === 0 && view.index.recommendations[within.recommendation - 1]) {
    return { kind: 'recommendation', number: within.recommendation }
  }
  return { kind: 'unanchored' }
}
