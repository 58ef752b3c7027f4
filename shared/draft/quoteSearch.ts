import * as Y from 'yjs'
import type { Range } from './anchors'
import { type RecommendationPlace, placeIsWithin } from './locator'
import { type PositionIndex, type TextBlock, plainText } from './positionIndex'

/** How a quote was found: exactly, ignoring case and spacing, or approximately. */
export type MatchMethod = 'exact' | 'normalized' | 'fuzzy'

export interface QuoteMatch extends Range {
  method: MatchMethod
  /** 1 for exact and normalized matches; below 1 for fuzzy ones (1 − edits / quote length). */
  confidence: number
}

/** A textblock's text with one character per ProseMirror position (hard breaks become "\n"). */
export function blockText(block: TextBlock): string {
  let s = ''
  block.element.toArray().forEach((child) => {
    s += child instanceof Y.XmlText ? plainText(child) : '\n'
  })
  return s
}

interface SearchSpace {
  blocks: TextBlock[]
  texts: string[]
}

function searchSpace(index: PositionIndex, within: RecommendationPlace | null): SearchSpace {
  const blocks = within ? index.blocks.filter((b) => placeIsWithin(b.place, within)) : index.blocks
  return { blocks, texts: blocks.map(blockText) }
}

/**
 * Finds the `occurrence`-th exact match of `quote` (1-based), in document order, optionally only within
 * a recommendation or action. Quotes do not span blocks.
 */
export function findExact(
  index: PositionIndex,
  quote: string,
  occurrence = 1,
  within: RecommendationPlace | null = null,
): Range | null {
  if (quote === '') return null
  const { blocks, texts } = searchSpace(index, within)
  let seen = 0
  for (let b = 0; b < blocks.length; b++) {
    const text = texts[b]!
    let at = text.indexOf(quote)
    while (at >= 0) {
      seen++
      if (seen === occurrence) return { from: blocks[b]!.from + at, to: blocks[b]!.from + at + quote.length }
      at = text.indexOf(quote, at + 1)
    }
  }
  return null
}

/** Lower-cases and collapses whitespace, remembering where each kept character came from. */
function normalize(text: string): { chars: string; origin: number[] } {
  let chars = ''
  const origin: number[] = []
  let lastWasSpace = true
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (/\s/.test(c)) {
      if (!lastWasSpace) {
        chars += ' '
        origin.push(i)
      }
      lastWasSpace = true
    } else {
      // Lower-casing may turn one character into two ("İ" → "i̇"): each keeps the same origin.
      const lower = c.toLowerCase()
      chars += lower
      for (let k = 0; k < lower.length; k++) origin.push(i)
      lastWasSpace = false
    }
  }
  if (chars.endsWith(' ')) {
    chars = chars.slice(0, -1)
    origin.pop()
  }
  return { chars, origin }
}

function findNormalized(space: SearchSpace, quote: string): Range | null {
  const q = normalize(quote).chars
  if (q === '') return null
  for (let b = 0; b < space.blocks.length; b++) {
    const { chars, origin } = normalize(space.texts[b]!)
    const at = chars.indexOf(q)
    if (at >= 0) {
      const from = space.blocks[b]!.from + origin[at]!
      const to = space.blocks[b]!.from + origin[at + q.length - 1]! + 1
      return { from, to }
    }
  }
  return null
}

/**
 * Best approximate occurrence of `pattern` in `text` (Sellers' algorithm: edit distance where the match
 * may start anywhere). Returns the end-exclusive span and its edit distance.
 */
function approximateMatch(pattern: string, text: string): { start: number; end: number; distance: number } | null {
  const m = pattern.length
  const n = text.length
  if (m === 0 || n === 0) return null
  // prev[i] / cur[i]: distance of pattern[0..i) ending at the current text column; start[] tracks origins.
  let prev = new Array<number>(m + 1)
  let prevStart = new Array<number>(m + 1)
  for (let i = 0; i <= m; i++) {
    prev[i] = i
    prevStart[i] = 0
  }
  let best: { start: number; end: number; distance: number } | null = null
  for (let j = 1; j <= n; j++) {
    const cur = new Array<number>(m + 1)
    const curStart = new Array<number>(m + 1)
    cur[0] = 0
    curStart[0] = j
    const tc = text[j - 1]
    for (let i = 1; i <= m; i++) {
      const sub = prev[i - 1]! + (pattern[i - 1] === tc ? 0 : 1)
      const del = prev[i]! + 1
      const ins = cur[i - 1]! + 1
      if (sub <= del && sub <= ins) {
        cur[i] = sub
        curStart[i] = prevStart[i - 1]!
      } else if (del <= ins) {
        cur[i] = del
        curStart[i] = prevStart[i]!
      } else {
        cur[i] = ins
        curStart[i] = curStart[i - 1]!
      }
    }
    if (best === null || cur[m]! < best.distance) best = { start: curStart[m]!, end: j, distance: cur[m]! }
    prev = cur
    prevStart = curStart
  }
  return best
}

const WORD_CHAR = /[\p{L}\p{N}]/u
/** How far a fuzzy match may grow to reach the edge of the word it cuts (characters). */
const MAX_WORD_SNAP = 24

/**
 * Grows an approximate match that starts or ends inside a word to that word's edges: a misspelt
 * last word ("usres") otherwise matches only part of the real one ("use|rs").
 */
function snapToWords(text: string, start: number, end: number): { start: number; end: number } {
  const isWord = (i: number) => i >= 0 && i < text.length && WORD_CHAR.test(text[i]!)
  let s = start
  while (s > 0 && start - s < MAX_WORD_SNAP && isWord(s - 1) && isWord(s)) s--
  let e = end
  while (e < text.length && e - end < MAX_WORD_SNAP && isWord(e - 1) && isWord(e)) e++
  return { start: s, end: e }
}

/** Fuzzy matches below this confidence are not trusted: the row becomes a general comment. */
export const MIN_FUZZY_CONFIDENCE = 0.6

function findFuzzy(space: SearchSpace, quote: string): QuoteMatch | null {
  const q = normalize(quote)
  if (q.chars.length === 0) return null
  let best: QuoteMatch | null = null
  for (let b = 0; b < space.blocks.length; b++) {
    const t = normalize(space.texts[b]!)
    const match = approximateMatch(q.chars, t.chars)
    if (!match || match.end <= match.start) continue
    const confidence = Math.max(0, 1 - match.distance / q.chars.length)
    if (best === null || confidence > best.confidence) {
      const words = snapToWords(t.chars, match.start, match.end)
      const from = space.blocks[b]!.from + t.origin[words.start]!
      const to = space.blocks[b]!.from + t.origin[words.end - 1]! + 1
      best = { from, to, method: 'fuzzy', confidence: Math.round(confidence * 100) / 100 }
    }
  }
  return best && best.confidence >= MIN_FUZZY_CONFIDENCE ? best : null
}

/**
 * Where a quoted passage from a comment table belongs: an exact match, else one ignoring case and
 * whitespace, else the best approximate match within the stated location (or the whole draft when the
 * location names no recommendation).
 */
export function locateQuote(index: PositionIndex, quote: string, within: RecommendationPlace | null): QuoteMatch | null {
  const scoped = searchSpace(index, within)
  const exact = findExact(index, quote, 1, within) ?? (within ? findExact(index, quote, 1, null) : null)
  if (exact) return { ...exact, method: 'exact', confidence: 1 }
  const normalized = findNormalized(scoped, quote) ?? (within ? findNormalized(searchSpace(index, null), quote) : null)
  if (normalized) return { ...normalized, method: 'normalized', confidence: 1 }
  return findFuzzy(scoped, quote)
}
