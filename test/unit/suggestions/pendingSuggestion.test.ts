import { describe, expect, it } from 'vitest'
import {
  type PendingSuggestion,
  type SuggestionStep,
  type TextblockSpan,
  applySuggestionStep,
  suggestionAsProposal,
} from '../../../shared/suggestions/pendingSuggestion'
import { groupAlternatives } from '../../../shared/suggestions/proposalGroups'

/** A textblock at position 10, as in a draft whose first block starts there. */
const block = (text: string): TextblockSpan => ({ start: 10, end: 10 + text.length, text })
const TEXT = 'Offices should review the strategy at regular intervals.'
const B = block(TEXT)
const at = (words: string) => 10 + TEXT.indexOf(words)

/** Runs gestures one after another, each at the caret the editor keeps after the last (the end of the suggestion). */
function run(steps: SuggestionStep[], span = B): PendingSuggestion | null {
  return steps.reduce<PendingSuggestion | null>((pending, step) => applySuggestionStep(pending, step, span), null)
}
const typing = (pos: number, text: string): SuggestionStep[] => Array.from(text, (ch) => ({ kind: 'type', from: pos, to: pos, text: ch }))
const result = (pending: PendingSuggestion | null, span = B) => (pending ? suggestionAsProposal(pending, span) : null)

describe('a suggestion from editing steps', () => {
  it('typing over selected words replaces them, letter by letter, in one suggestion', () => {
    const from = at('at regular intervals')
    const to = from + 'at regular intervals'.length
    const steps: SuggestionStep[] = [{ kind: 'type', from, to, text: 'e' }, ...typing(to, 'very two years')]
    expect(run(steps)).toEqual({ from, to, inserted: 'every two years' })
    expect(result(run(steps))).toMatchObject({ quote: 'at regular intervals', proposedChange: 'every two years' })
  })

  it('Backspace takes typed letters back first, then strikes the draft’s words before the suggestion', () => {
    const from = at('regular')
    const to = from + 'regular'.length
    const typed = [{ kind: 'type', from, to, text: 'fixed' } as const]
    expect(run([...typed, { kind: 'backspace', from: to, to }, { kind: 'backspace', from: to, to }])).toEqual({ from, to, inserted: 'fix' })
    // All typed letters gone, two more Backspaces strike "t " of "at " before it.
    const back = Array.from({ length: 7 }, (): SuggestionStep => ({ kind: 'backspace', from: to, to }))
    expect(run([...typed, ...back])).toEqual({ from: from - 2, to, inserted: '' })
    expect(result(run([...typed, ...back]))).toMatchObject({ quote: 't regular', proposedChange: '' })
  })

  it('deleting across words, by selection and by Delete, strikes them; typing then proposes new ones', () => {
    const from = at('the strategy')
    const selection: SuggestionStep = { kind: 'backspace', from, to: from + 'the strategy'.length }
    const further: SuggestionStep[] = [{ kind: 'delete', from: from + 12, to: from + 12 }, { kind: 'delete', from: from + 13, to: from + 13 }]
    const struck = run([selection, ...further])
    expect(struck).toEqual({ from, to: from + 'the strategy a'.length, inserted: '' })
    expect(result(run([selection, ...typing(from + 12, 'its plan')]))).toMatchObject({ quote: 'the strategy', proposedChange: 'its plan' })
  })

  it('a paste is one typed step, and extends the suggestion it meets', () => {
    const from = at('review')
    const to = from + 'review'.length
    const pasted = run([{ kind: 'type', from, to, text: 'revise and review' }, { kind: 'type', from: to, to, text: ' carefully' }])
    expect(pasted).toEqual({ from, to, inserted: 'revise and review carefully' })
  })

  it('a pure insertion is attached to the word before it', () => {
    const pos = at(' strategy')
    expect(result(run(typing(pos, ' ICT')))).toEqual({ from: at('the strategy'), to: pos, quote: 'the', proposedChange: 'the ICT' })
  })

  it('an insertion at the end of a block goes after its last word; at its start, before its first', () => {
    expect(result(run(typing(B.end, ' Every two years.')))).toMatchObject({ quote: 'intervals.', proposedChange: 'intervals. Every two years.' })
    expect(result(run(typing(B.start, 'All ')))).toMatchObject({ from: B.start, quote: 'Offices', proposedChange: 'All Offices' })
  })

  it('stays within its textblock, and vanishes when it would change nothing', () => {
    expect(run([{ kind: 'backspace', from: B.start, to: B.start }])).toBeNull()
    expect(run([{ kind: 'delete', from: B.end, to: B.end }])).toBeNull()
    const from = at('review')
    expect(run([{ kind: 'type', from, to: from + 6, text: 'review' }])).toBeNull()
    expect(run([...typing(from, 'x'), { kind: 'backspace', from, to: from }])).toBeNull()
  })

  it('steps over characters outside the Basic Multilingual Plane as one', () => {
    const span = block('Emoji 𝒳 here')
    const pos = span.start + 'Emoji 𝒳'.length
    expect(run([{ kind: 'backspace', from: pos, to: pos }], span)).toEqual({ from: pos - 2, to: pos, inserted: '' })
  })

  it('finds words in Chinese and Arabic for a pure insertion', () => {
    const zh = block('各局应当制定战略')
    expect(result(run(typing(zh.start + 2, '均'), zh), zh)?.proposedChange.endsWith('均')).toBe(true)
    const ar = block('ينبغي للمكاتب وضع استراتيجية')
    const pos = ar.start + 'ينبغي للمكاتب'.length
    expect(result(run(typing(pos, ' جميعها'), ar), ar)).toMatchObject({ quote: 'للمكاتب', proposedChange: 'للمكاتب جميعها' })
  })
})

describe('alternatives', () => {
  it('groups proposals on overlapping words; touching ones are separate', () => {
    const groups = groupAlternatives([
      { id: 'MX', from: 5, to: 20 },
      { id: 'NO', from: 30, to: 35 },
      { id: 'DE', from: 15, to: 25 },
      { id: 'AU', from: 25, to: 30 },
    ])
    expect(groups.map((g) => g.map((p) => p.id))).toEqual([['MX', 'DE'], ['AU'], ['NO']])
  })
})
