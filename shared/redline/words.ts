/**
 * Words as the redline counts and compares them: Unicode word segments (Intl.Segmenter), so that
 * Chinese, which has no spaces, splits into words, and Arabic and Russian words are whole words.
 * Spaces and punctuation are tokens of their own, so a diff never cuts inside a word.
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' })

export interface Token {
  text: string
  /** A word (letters, digits, ideographs), not a space or punctuation. */
  word: boolean
}

export function tokenize(text: string): Token[] {
  return Array.from(segmenter.segment(text), (s) => ({ text: s.segment, word: s.isWordLike === true }))
}

/** How many words a text holds. */
export function countWords(text: string): number {
  let n = 0
  for (const s of segmenter.segment(text)) if (s.isWordLike) n++
  return n
}

/** A text's words, case-folded, with how often each occurs: what similarity compares. */
export interface WordBag {
  counts: Map<string, number>
  size: number
}

export function wordBag(text: string): WordBag {
  const counts = new Map<string, number>()
  let size = 0
  for (const s of segmenter.segment(text)) {
    if (!s.isWordLike) continue
    const word = s.segment.toLocaleLowerCase()
    counts.set(word, (counts.get(word) ?? 0) + 1)
    size++
  }
  return { counts, size }
}

/**
 * How alike two texts are, from 0 to 1: the Dice coefficient of their words as multisets (twice the
 * shared words over all words). Order-free, so a reworded sentence still scores by what it kept.
 */
export function similarity(a: WordBag, b: WordBag): number {
  if (a.size === 0 || b.size === 0) return 0
  const [small, large] = a.counts.size <= b.counts.size ? [a, b] : [b, a]
  let shared = 0
  for (const [word, n] of small.counts) shared += Math.min(n, large.counts.get(word) ?? 0)
  return (2 * shared) / (a.size + b.size)
}

/** The best similarity two texts of these sizes could have: skips pairs that cannot reach a threshold. */
export const similarityBound = (a: WordBag, b: WordBag) => (a.size + b.size === 0 ? 0 : (2 * Math.min(a.size, b.size)) / (a.size + b.size))
