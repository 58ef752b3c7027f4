/**
 * Suggesting mode's arithmetic: what a person types, deletes and pastes into the draft while suggesting
 * never changes the draft; it builds a pending suggestion (words of the draft struck through, words typed
 * in their place), which becomes an ordinary comment with an anchor and a proposed change when posted.
 * Positions are the editor's (ProseMirror) positions; a suggestion stays within one textblock.
 */

/** The textblock an edit happens in: its first and after-last positions, and its text (one character per position). */
export interface TextblockSpan {
  start: number
  end: number
  text: string
}

export interface PendingSuggestion {
  /** The draft's words it replaces, [from, to); from = to for a pure insertion. */
  from: number
  to: number
  /** The words typed in their place, drawn right after `to`. */
  inserted: string
}

/** One editing gesture, on the selection [from, to) (from = to for a caret). */
export type SuggestionStep =
  /** Typing or pasting `text` over the selection. */
  | { kind: 'type'; from: number; to: number; text: string }
  | { kind: 'backspace'; from: number; to: number }
  | { kind: 'delete'; from: number; to: number }

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff

/** Characters (UTF-16 units) of the one character before / after `pos`, within the block; 0 at its edge. */
function charBefore(block: TextblockSpan, pos: number): number {
  const i = pos - block.start
  if (i <= 0) return 0
  return i >= 2 && isLowSurrogate(block.text.charCodeAt(i - 1)) && isHighSurrogate(block.text.charCodeAt(i - 2)) ? 2 : 1
}

function charAfter(block: TextblockSpan, pos: number): number {
  const i = pos - block.start
  if (pos >= block.end) return 0
  return isHighSurrogate(block.text.charCodeAt(i)) && isLowSurrogate(block.text.charCodeAt(i + 1)) ? 2 : 1
}

/** Whether an edit on [from, to) meets the pending suggestion: inside it, or at either of its edges. */
export const touches = (pending: PendingSuggestion | null, from: number, to: number): pending is PendingSuggestion =>
  pending !== null && from <= pending.to && to >= pending.from

/** The suggestion, or null when it would change nothing (nothing struck, nothing typed, or the same words). */
function normalized(s: PendingSuggestion, block: TextblockSpan): PendingSuggestion | null {
  const from = Math.max(block.start, s.from)
  const to = Math.min(block.end, s.to)
  const struck = block.text.slice(from - block.start, to - block.start)
  if (struck === s.inserted) return null
  return { from, to, inserted: s.inserted }
}

/** Drops the last character (not half of a surrogate pair) of typed words. */
const withoutLastChar = (text: string) => Array.from(text).slice(0, -1).join('')

/**
 * The pending suggestion after one more gesture. Gestures that meet the pending suggestion extend it
 * (typing adds to its words, Backspace takes typed characters back before striking more of the draft,
 * Delete strikes further); a gesture elsewhere starts a new one (the caller keeps the old one pending).
 */
export function applySuggestionStep(pending: PendingSuggestion | null, step: SuggestionStep, block: TextblockSpan): PendingSuggestion | null {
  const from = Math.max(block.start, Math.min(step.from, step.to))
  const to = Math.min(block.end, Math.max(step.from, step.to))
  const meets = touches(pending, from, to)
  if (step.kind === 'type' || from < to) {
    const text = step.kind === 'type' ? step.text : ''
    const next = meets
      ? { from: Math.min(pending.from, from), to: Math.max(pending.to, to), inserted: pending.inserted + text }
      : { from, to, inserted: text }
    return normalized(next, block)
  }
  if (step.kind === 'backspace') {
    if (meets && pending.inserted) return normalized({ ...pending, inserted: withoutLastChar(pending.inserted) }, block)
    const start = meets ? pending.from : from
    const width = charBefore(block, start)
    if (width === 0) return meets ? pending : null
    return normalized(meets ? { ...pending, from: start - width } : { from: start - width, to: from, inserted: '' }, block)
  }
  const end = meets ? pending.to : to
  const width = charAfter(block, end)
  if (width === 0) return meets ? pending : null
  return normalized(meets ? { ...pending, to: end + width } : { from, to: end + width, inserted: '' }, block)
}

/** A suggestion as the comment it becomes: the draft's words it is on, and the words proposed for them. */
export interface SuggestedProposal {
  from: number
  to: number
  quote: string
  proposedChange: string
}

const wordSegments = (text: string) => Array.from(new Intl.Segmenter(undefined, { granularity: 'word' }).segment(text))

/**
 * The comment a suggestion becomes. A pure insertion has no words of its own, so it is attached to the
 * word before it ("the" + " national" proposes "the national"), or at the start of a textblock to the
 * word after it; Intl.Segmenter finds words in every UN language, Chinese included.
 */
export function suggestionAsProposal(pending: PendingSuggestion, block: TextblockSpan): SuggestedProposal | null {
  const quoteOf = (from: number, to: number) => block.text.slice(from - block.start, to - block.start)
  if (pending.from < pending.to) {
    return { from: pending.from, to: pending.to, quote: quoteOf(pending.from, pending.to), proposedChange: pending.inserted }
  }
  if (!pending.inserted) return null
  const at = pending.from - block.start
  const words = wordSegments(block.text).filter((s) => s.isWordLike)
  const before = words.filter((s) => s.index < at).at(-1)
  if (before) {
    const from = block.start + before.index
    return { from, to: pending.from, quote: quoteOf(from, pending.from), proposedChange: quoteOf(from, pending.from) + pending.inserted }
  }
  const after = words.find((s) => s.index >= at)
  if (!after) return null
  const to = block.start + after.index + after.segment.length
  return { from: pending.from, to, quote: quoteOf(pending.from, to), proposedChange: pending.inserted + quoteOf(pending.from, to) }
}
