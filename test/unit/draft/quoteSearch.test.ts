import { describe, expect, it } from 'vitest'
import { type RecommendationPlace, formatPlace, parsePlace, placeOf } from '../../../shared/draft/locator'
import { placeAt } from '../../../shared/draft/positionIndex'
import { MIN_FUZZY_CONFIDENCE, findExact, locateQuote } from '../../../shared/draft/quoteSearch'
import { doc as draftDoc, paragraph } from '../../../server/documents/draftJson'
import { demoDraftContent } from '../../../server/demo/demoDraft'
import { indexOf, pmOf, richDraft, ydocFrom } from '../../helpers/draftFixtures'

/** Finding quoted words in the draft: exact, ignoring case and spacing, approximately. */

/** The recommendation or action a Location names, as quote search takes it. */
function within(location: string): RecommendationPlace {
  const place = parsePlace(location)
  if (place.kind !== 'recommendation') throw new Error(`"${location}" names no recommendation`)
  return place
}

describe('quote search', () => {
  const d = ydocFrom(demoDraftContent())
  const index = indexOf(d)
  const pm = pmOf(d)
  const text = (r: { from: number; to: number } | null) => (r ? pm.textBetween(r.from, r.to) : null)
  const locator = (r: { from: number } | null) => (r ? formatPlace(placeOf(placeAt(index, r.from))) : null)

  it('finds exact quotes, the n-th occurrence, and occurrences within a recommendation or action', () => {
    const r = findExact(index, 'legal status data')
    expect(text(r)).toBe('legal status data')
    expect(locator(r)).toBe('Recommendation 4 › Action 1')

    // "Offices should" opens every statement: the n-th occurrence is the n-th recommendation.
    expect(locator(findExact(index, 'Offices should', 1))).toBe('Recommendation 1')
    expect(locator(findExact(index, 'Offices should', 7))).toBe('Recommendation 7')
    expect(findExact(index, 'Offices should', 11)).toBeNull()
    expect(findExact(index, 'not in the draft at all')).toBeNull()
    expect(findExact(index, '')).toBeNull()

    const sixth = within('Recommendation 6')
    expect(locator(findExact(index, 'Offices should', 1, sixth))).toBe('Recommendation 6')
    expect(findExact(index, 'Offices should', 2, sixth)).toBeNull()
    const action = within('Rec. 2, action 3')
    expect(locator(findExact(index, 'Take part', 1, action))).toBe('Recommendation 2 › Action 3')
    // An action includes its sub-bullets; a sub-bullet does not include its parent.
    expect(locator(findExact(index, 'challenges', 1, action))).toBe('Recommendation 2 › Action 3.1')
    expect(findExact(index, 'Take part', 1, within('R2 A3.1'))).toBeNull()
  })

  it('locates a quote exactly, then ignoring case and spacing, then approximately, with a confidence', () => {
    const exact = locateQuote(index, 'end-to-end electronic processing', null)
    expect(exact).toMatchObject({ method: 'exact', confidence: 1 })
    expect(text(exact)).toBe('end-to-end electronic processing')

    const normalized = locateQuote(index, '  END-TO-END   electronic\n processing ', null)
    expect(normalized).toMatchObject({ method: 'normalized', confidence: 1 })
    expect(text(normalized)).toBe('end-to-end electronic processing')

    const fuzzy = locateQuote(index, 'adopt a writen ICT stratgy that is tied to there business goals', null)
    expect(fuzzy?.method).toBe('fuzzy')
    expect(fuzzy!.confidence).toBeGreaterThanOrEqual(MIN_FUZZY_CONFIDENCE)
    expect(fuzzy!.confidence).toBeLessThan(1)
    expect(fuzzy!.confidence).toBeCloseTo(1 - 4 / 'adopt a writen ict stratgy that is tied to there business goals'.length, 2)
    expect(text(fuzzy)).toBe('adopt a written ICT strategy that is tied to their business goals')
    expect(locator(fuzzy)).toBe('Recommendation 2')
    // A misspelt last word is matched whole, not cut where the letters stop agreeing.
    const misspeltEnd = locateQuote(index, 'exchnge data with eachother and with usres', null)
    expect(misspeltEnd?.method).toBe('fuzzy')
    expect(text(misspeltEnd)).toBe('exchange data with each other and with users')

    expect(locateQuote(index, 'a sentence that is nowhere near anything written in the draft text', null)).toBeNull()
  })

  it('prefers the stated location, and falls back to the whole draft for exact matches', () => {
    const inRec5 = locateQuote(index, 'Offices should', within('Recommendation 5'))
    expect(locator(inRec5)).toBe('Recommendation 5')
    const elsewhere = locateQuote(index, 'legal status data', within('Recommendation 9'))
    expect(elsewhere?.method).toBe('exact')
    expect(locator(elsewhere)).toBe('Recommendation 4 › Action 1')
    // A fuzzy match is sought only where the comment says it belongs.
    const fuzzyScoped = locateQuote(index, 'Test busines continuity and disaster recovery plan', within('Recommendation 5 › Action 2'))
    expect(fuzzyScoped?.method).toBe('fuzzy')
    expect(locator(fuzzyScoped)).toBe('Recommendation 5 › Action 2')
  })

  it('matches across hard breaks when spacing is ignored, and maps back to the right positions', () => {
    const rich = ydocFrom(richDraft())
    const richIndex = indexOf(rich)
    const m = locateQuote(richIndex, 'LINE ONE line two', null)
    expect(m?.method).toBe('normalized')
    const richPm = pmOf(rich)
    expect(m!.from).toBe(findExact(richIndex, 'Line one')!.from)
    expect(m!.to).toBe(findExact(richIndex, 'line two')!.to)
    expect(richPm.textBetween(m!.from, m!.to, undefined, '\n')).toBe('Line one\nline two')
    const emoji = locateQuote(richIndex, 'TWO 😀 AFTER', null)
    expect(richPm.textBetween(emoji!.from, emoji!.to)).toBe('two 😀 after')
  })

  it('maps normalized matches back correctly when lower-casing changes a character into two', () => {
    const e = ydocFrom(draftDoc(paragraph('Meeting held in İzmir on data exchange.')))
    const idx = indexOf(e)
    const m = locateQuote(idx, 'İZMIR ON DATA', null)
    expect(m?.method).toBe('normalized')
    expect(pmOf(e).textBetween(m!.from, m!.to)).toBe('İzmir on data')
  })
})
