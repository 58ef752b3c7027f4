import type { Range } from './anchors'
import { type PositionIndex, plainText } from './positionIndex'

/** Text between two positions of the draft, hard breaks and block boundaries as newlines. */
export function textBetween(index: PositionIndex, range: Range): string {
  const parts: string[] = []
  for (const seg of index.segments) {
    if (seg.to <= range.from || seg.from >= range.to) continue
    parts.push(plainText(seg.text).slice(Math.max(0, range.from - seg.from), range.to - seg.from))
  }
  // Consecutive segments are separated by a block boundary or a hard break: both read as a new line.
  return parts.join('\n')
}

/** The run of text that holds all of `range`, or null when it crosses a block boundary or a line break. */
export function segmentHolding(index: PositionIndex, range: Range) {
  return index.segments.find((s) => s.from <= range.from && range.to <= s.to) ?? null
}
