import { diffArrays } from 'diff'
import { sameMarks } from './marks'
import type { RedlineAuthor, RedlineSegment } from './model'
import { overlay, shifted, spansWithin } from './spans'
import type { Textblock } from './textblocks'
import { type Token, countWords, tokenize } from './words'

/** Who typed each character of a textblock of the later draft, as consecutive runs. */
export type AuthorRuns = readonly { length: number; author?: RedlineAuthor }[]

export interface ParagraphDiff {
  segments: RedlineSegment[]
  /** Words inserted and deleted. */
  inserted: number
  deleted: number
}

const markRuns = (tb: Textblock) => tb.runs.map((r) => ({ length: r.text.length, value: r.marks }))

function insertSegments(to: Textblock, from: number, end: number, authors: AuthorRuns | undefined): RedlineSegment[] {
  const byAuthor = spansWithin((authors ?? []).map((r) => ({ length: r.length, value: r.author })), from, end, undefined)
  return overlay(spansWithin(markRuns(to), from, end, []), byAuthor).map(({ from: a, to: b, value: [marks, author] }) => ({
    type: 'insert',
    text: to.text.slice(a, b),
    marks,
    ...(author ? { author } : {}),
  }))
}

function deleteSegments(from: Textblock, start: number, end: number): RedlineSegment[] {
  return spansWithin(markRuns(from), start, end, []).map(({ from: a, to: b, value }) => ({ type: 'delete', text: from.text.slice(a, b), marks: value }))
}

/** Text in both drafts, cut where its marks change in either; `marksBefore` where they differ. */
function sameSegments(from: Textblock, fromStart: number, to: Textblock, toStart: number, length: number): RedlineSegment[] {
  const before = shifted(spansWithin(markRuns(from), fromStart, fromStart + length, []), toStart - fromStart)
  return overlay(before, spansWithin(markRuns(to), toStart, toStart + length, [])).map(({ from: a, to: b, value: [old, marks] }) => ({
    type: 'same',
    text: to.text.slice(a, b),
    marks,
    ...(sameMarks(old, marks) ? {} : { marksBefore: old }),
  }))
}

/** A stretch of the two texts: kept, or changed (some characters of one replaced by some of the other). */
interface Stretch {
  kept: boolean
  from: [number, number]
  to: [number, number]
  deletedWords: number
  insertedWords: number
}

const isSpace = (tokens: readonly Token[]) => tokens.every((t) => t.text.trim() === '')

/**
 * How much two texts share at their start and at their end, cut back to white space so that no word is
 * split: only the rest needs cutting into words (Intl.Segmenter is the costly part of a redline), and
 * a text without spaces (Chinese) is simply cut whole.
 */
function sharedEnds(a: string, b: string): [number, number] {
  const max = Math.min(a.length, b.length)
  let head = 0
  while (head < max && a[head] === b[head]) head++
  while (head > 0 && !/\s/.test(a[head - 1]!)) head--
  let tail = 0
  while (tail < max - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++
  while (tail > 0 && !/\s/.test(a[a.length - tail]!)) tail--
  return [head, tail]
}

/**
 * The word diff as stretches. Changes separated only by white space are joined into one ("the quick
 * fox" → "a slow dog" reads as one replacement, not three), and each change is one deletion followed
 * by one insertion.
 */
function stretches(a: string, b: string): Stretch[] {
  const [head, tail] = sharedEnds(a, b)
  const left = tokenize(a.slice(head, a.length - tail))
  const right = tokenize(b.slice(head, b.length - tail))
  const raw: { kept: boolean; left: Token[]; right: Token[] }[] = []
  const kept = (text: string) => ({ kept: true, left: [{ text, word: false }], right: [{ text, word: false }] })
  if (head > 0) raw.push(kept(a.slice(0, head)))
  let i = 0
  let j = 0
  for (const change of diffArrays(left.map((t) => t.text), right.map((t) => t.text))) {
    const taken = change.added ? [] : left.slice(i, (i += change.count))
    const given = change.removed ? [] : right.slice(j, (j += change.count))
    raw.push({ kept: !change.added && !change.removed, left: taken, right: given })
  }
  if (tail > 0) raw.push(kept(a.slice(a.length - tail)))
  const out: Stretch[] = []
  let at: [number, number] = [0, 0]
  raw.forEach((part, k) => {
    const between = k > 0 && k < raw.length - 1 && !raw[k - 1]!.kept && !raw[k + 1]!.kept
    const kept = part.kept && !(between && isSpace(part.left))
    const length = (tokens: Token[]) => tokens.reduce((n, t) => n + t.text.length, 0)
    const words = (tokens: Token[]) => (kept ? 0 : tokens.filter((t) => t.word).length)
    const next: [number, number] = [at[0] + length(part.left), at[1] + length(part.right)]
    const last = out[out.length - 1]
    if (last && !last.kept && !kept) {
      last.from[1] = next[0]
      last.to[1] = next[1]
      last.deletedWords += words(part.left)
      last.insertedWords += words(part.right)
    } else {
      out.push({ kept, from: [at[0], next[0]], to: [at[1], next[1]], deletedWords: words(part.left), insertedWords: words(part.right) })
    }
    at = next
  })
  return out
}

/** How many characters two texts share at their start (or end), counting white space only. */
function sharedSpace(a: string, b: string, fromEnd: boolean): number {
  let n = 0
  while (n < a.length && n < b.length) {
    const x = a[fromEnd ? a.length - 1 - n : n]!
    if (x !== b[fromEnd ? b.length - 1 - n : n] || x.trim() !== '') break
    n++
  }
  return n
}

/** Same-type neighbours with equal marks and author as one segment. */
function merged(segments: readonly RedlineSegment[]): RedlineSegment[] {
  const out: RedlineSegment[] = []
  const key = (s: RedlineSegment) => JSON.stringify([s.type, s.marks, s.marksBefore, s.author])
  for (const s of segments) {
    const last = out[out.length - 1]
    if (last && key(last) === key(s)) last.text += s.text
    else out.push({ ...s })
  }
  return out
}

/**
 * The redline of one textblock: of a pair (the same textblock in both drafts), or of one that is only in
 * the later draft (`from` undefined) or only in the earlier one (`to` undefined). Inserted text is cut
 * into runs by author when `authors` is given.
 */
export function diffParagraph(from: Textblock | undefined, to: Textblock | undefined, authors?: AuthorRuns): ParagraphDiff {
  if (!from && !to) return { segments: [], inserted: 0, deleted: 0 }
  if (!from) return { segments: insertSegments(to!, 0, to!.text.length, authors), inserted: countWords(to!.text), deleted: 0 }
  if (!to) return { segments: deleteSegments(from, 0, from.text.length), inserted: 0, deleted: countWords(from.text) }
  if (from.text === to.text) return { segments: sameSegments(from, 0, to, 0, to.text.length), inserted: 0, deleted: 0 }
  const segments: RedlineSegment[] = []
  let inserted = 0
  let deleted = 0
  for (const s of stretches(from.text, to.text)) {
    if (s.kept) {
      segments.push(...sameSegments(from, s.from[0], to, s.to[0], s.to[1] - s.to[0]))
      continue
    }
    // A replacement whose two sides begin or end with the same space keeps that space as it was.
    const [a, b] = [from.text.slice(...s.from), to.text.slice(...s.to)]
    const head = sharedSpace(a, b, false)
    const tail = Math.min(sharedSpace(a, b, true), a.length - head, b.length - head)
    segments.push(
      ...sameSegments(from, s.from[0], to, s.to[0], head),
      ...deleteSegments(from, s.from[0] + head, s.from[1] - tail),
      ...insertSegments(to, s.to[0] + head, s.to[1] - tail, authors),
      ...sameSegments(from, s.from[1] - tail, to, s.to[1] - tail, tail),
    )
    inserted += s.insertedWords
    deleted += s.deletedWords
  }
  return { segments: merged(segments), inserted, deleted }
}
