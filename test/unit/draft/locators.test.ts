import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { formatPlace, parsePlace, placeFromLocator, placeIsWithin, placeOf, samePlace } from '../../../shared/draft/locator'
import { formatLocation, parseLocation } from '../../../shared/commentTable'
import type { Place } from '../../../shared/types'
import { placeAt, plainText } from '../../../shared/draft/positionIndex'
import { findExact } from '../../../shared/draft/quoteSearch'
import { doc as draftDoc, recommendation } from '../../../server/documents/draftJson'
import { draftStateFromJson } from '../../../server/documents/draftState'
import { demoDraftContent } from '../../../server/demo/demoDraft'
import { fragmentOf, indexOf, richDraft, ydocFrom } from '../../helpers/draftFixtures'

/** Recommendation numbering, places and their locators ("Recommendation 3 › Action 2"), and reading them back. */

describe('recommendation numbering and locators', () => {
  const d = ydocFrom(demoDraftContent())
  const index = indexOf(d)
  const locatorOf = (quote: string, occurrence = 1) => {
    const r = findExact(index, quote, occurrence)
    if (!r) throw new Error(`"${quote}" is not in the draft`)
    return formatPlace(placeOf(placeAt(index, r.from)))
  }

  it('numbers recommendations in document order', () => {
    expect(index.recommendations).toHaveLength(10)
    const statements = index.recommendations.map((el) => {
      const statement = el.toArray()[0] as Y.XmlElement
      return plainText(statement.toArray()[0] as Y.XmlText)
    })
    expect(statements[0]).toMatch(/^Offices should move their core procedures/)
    expect(statements[2]).toMatch(/^Offices should govern their data/)
    expect(statements[9]).toMatch(/^Offices should explore emerging technologies/)
    expect(locatorOf('govern their data as a strategic asset')).toBe('Recommendation 3')
  })

  it('names actions, nested actions, headings and the preamble', () => {
    expect(locatorOf('Measure data quality with published indicators')).toBe('Recommendation 3 › Action 2')
    expect(locatorOf('Map each procedure')).toBe('Recommendation 1 › Action 1')
    expect(locatorOf('Take part in a forum of offices')).toBe('Recommendation 2 › Action 3')
    expect(locatorOf('lessons learned from large procurement')).toBe('Recommendation 2 › Action 3.2')
    expect(locatorOf('indicators of compromise')).toBe('Recommendation 6 › Action 3.1')
    expect(locatorOf('Share the results of pilots')).toBe('Recommendation 10 › Action 4')
    expect(locatorOf('This draft sets out recommendations')).toBe('Introduction')
    expect(locatorOf('Introduction')).toBe('Introduction')

    const rich = indexOf(ydocFrom(richDraft()))
    const placeOfQuote = (q: string) => placeOf(placeAt(rich, findExact(rich, q)!.from))
    const at = (q: string) => formatPlace(placeOfQuote(q))
    expect(placeOfQuote('Preamble with')).toEqual({ kind: 'preamble' })
    expect(at('Preamble with')).toBe('Preamble')
    expect(placeOfQuote('A plain bullet')).toEqual({ kind: 'heading', heading: 'Scope' })
    expect(placeOfQuote('by date.')).toEqual({ kind: 'recommendation', recommendation: 1, action: [2, 2] })
    expect(at('A plain bullet')).toBe('Scope') // a bullet outside recommendations is no action
    expect(at('line two')).toBe('Scope')
    expect(at('by date.')).toBe('Recommendation 1 › Action 2.2')
    expect(at('Offer APIs.')).toBe('Recommendation 3 › Action 2') // the empty recommendation 2 still counts
    expect(at('Closing words.')).toBe('Recommendations')
    // The empty recommendation: a position inside it, although it holds no text.
    const empty = rich.recommendations[1]!
    expect(formatPlace(placeOf(placeAt(rich, rich.elementStart.get(empty)! + 1)))).toBe('Recommendation 2')
  })

  it('renumbers when a recommendation is inserted before others', () => {
    const e = ydocFrom(demoDraftContent())
    const update = draftStateFromJson(draftDoc(recommendation('A new first recommendation.', ['Its action.'])))
    const scratch = new Y.Doc()
    Y.applyUpdate(scratch, update)
    const fresh = (fragmentOf(scratch).get(0) as Y.XmlElement).clone()
    fragmentOf(e).insert(4, [fresh])
    const after = indexOf(e)
    expect(placeOf(placeAt(after, findExact(after, 'Its action.')!.from))).toEqual({ kind: 'recommendation', recommendation: 1, action: [1] })
    expect(formatPlace(placeOf(placeAt(after, findExact(after, 'Measure data quality')!.from)))).toBe('Recommendation 4 › Action 2')
  })
})

const rec = (recommendation: number, ...action: number[]): Place => ({ kind: 'recommendation', recommendation, action })

describe('parsePlace: Locations as delegations write them', () => {
  it.each<[string, Place]>([
    ['Recommendation 3 › Action 2', rec(3, 2)],
    ['Recommendation 3 > Action 2', rec(3, 2)],
    ['Rec. 3, action 2.1', rec(3, 2, 1)],
    ['R3 A2', rec(3, 2)],
    ['r3a2', { kind: 'heading', heading: 'r3a2' }],
    ['Recommendation 3', rec(3)],
    ['recommendation 10, actions 4', rec(10, 4)],
    ['Recommendations 2', rec(2)],
    ['Rec 7 - Act. 1.2.3', rec(7, 1, 2, 3)],
    ['  RECOMMENDATION 12 › ACTION 1 ', rec(12, 1)],
    ['General', { kind: 'general' }],
    [' general ', { kind: 'general' }],
    ['', { kind: 'general' }],
    ['Preamble', { kind: 'preamble' }],
    ['Introduction', { kind: 'heading', heading: 'Introduction' }],
    ['Paragraph 4', { kind: 'heading', heading: 'Paragraph 4' }],
  ])('%j', (text, expected) => {
    expect(parsePlace(text)).toEqual(expected)
  })
})

describe('formatPlace and reading places back', () => {
  const places: Place[] = [
    { kind: 'general' },
    { kind: 'preamble' },
    { kind: 'heading', heading: 'Introduction' },
    { kind: 'heading', heading: 'Recommendations' },
    rec(1),
    rec(4, 2),
    rec(10, 3, 1),
    rec(123, 12, 4, 7),
  ]

  it('formats every kind of place in English', () => {
    expect(places.map(formatPlace)).toEqual([
      'General',
      'Preamble',
      'Introduction',
      'Recommendations',
      'Recommendation 1',
      'Recommendation 4 › Action 2',
      'Recommendation 10 › Action 3.1',
      'Recommendation 123 › Action 12.4.7',
    ])
  })

  it('reads back every place from its locator, strictly and as a table Location', () => {
    for (const place of places) {
      expect(placeFromLocator(formatPlace(place))).toEqual(place)
      expect(parsePlace(formatPlace(place))).toEqual(place)
      expect(samePlace(placeFromLocator(formatPlace(place)), place)).toBe(true)
    }
  })

  it('keeps any locator text of earlier versions: what is not Accord\'s own shape is a heading, formatted as it was', () => {
    for (const text of ['Introduction', 'Rec. 3, action 2', 'R3 A2', 'Recommendation 03', 'Recommendation 3 › Action 0', 'general', ' Preamble', '']) {
      expect(formatPlace(placeFromLocator(text)), text).toBe(text)
    }
    expect(placeFromLocator('Rec. 3, action 2')).toEqual({ kind: 'heading', heading: 'Rec. 3, action 2' })
    expect(placeFromLocator('General')).toEqual({ kind: 'general' })
    expect(placeFromLocator('Recommendation 3 › Action 2')).toEqual(rec(3, 2))
  })

  it('tells places apart', () => {
    for (const [i, a] of places.entries()) {
      for (const [j, b] of places.entries()) expect(samePlace(a, b), `${formatPlace(a)} / ${formatPlace(b)}`).toBe(i === j)
    }
    expect(samePlace(rec(4, 2), rec(4, 2, 1))).toBe(false)
  })

  it('limits a search to a recommendation or an action and its sub-actions', () => {
    const within = { kind: 'recommendation' as const, recommendation: 4, action: [2] }
    expect(placeIsWithin({ recommendation: 4, action: [2, 1], heading: null }, within)).toBe(true)
    expect(placeIsWithin({ recommendation: 4, action: [2], heading: 'Recommendations' }, within)).toBe(true)
    expect(placeIsWithin({ recommendation: 4, action: [1], heading: null }, within)).toBe(false)
    expect(placeIsWithin({ recommendation: 4, action: [], heading: null }, within)).toBe(false)
    expect(placeIsWithin({ recommendation: 4, action: [], heading: null }, { ...within, action: [] })).toBe(true)
  })
})

describe('Location cells of the comment-resolution table', () => {
  it('writes a place, marked when its words were deleted, and reads both back', () => {
    const place = rec(3, 2)
    expect(formatLocation(place, false)).toBe('Recommendation 3 › Action 2')
    expect(formatLocation(place, true)).toBe('Recommendation 3 › Action 2 (text removed)')
    expect(formatLocation({ kind: 'heading', heading: 'Scope' }, true)).toBe('Scope (text removed)')
    for (const p of [place, rec(1), { kind: 'general' } as const, { kind: 'heading', heading: 'Scope' } as const]) {
      for (const textRemoved of [false, true]) expect(parseLocation(formatLocation(p, textRemoved))).toEqual({ place: p, textRemoved })
    }
  })

  it('reads the mark however it is written, and the place before it as delegations write it', () => {
    expect(parseLocation(' Rec. 3, action 2 (Text Removed) ')).toEqual({ place: rec(3, 2), textRemoved: true })
    expect(parseLocation('R4')).toEqual({ place: rec(4), textRemoved: false })
    expect(parseLocation('')).toEqual({ place: { kind: 'general' }, textRemoved: false })
  })
})
