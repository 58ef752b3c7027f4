import type { JSONContent } from '@tiptap/core'
import { diffBlock } from './diffBlock'
import { redlineLayout } from './layout'
import { matchBlocks } from './matchBlocks'
import type { Redline, RedlineAttribution, RedlineBlock, RedlineBlockStatus } from './model'
import { type DraftBlock, draftBlocks, recommendationNumbers } from './textblocks'

export interface RedlineOptions {
  /** Who typed the later draft's text, where known: inserted text is credited to them. */
  attribution?: RedlineAttribution
}

/**
 * The redline between two states of a draft (ProseMirror JSON in the draft schema): top-level blocks
 * matched by id, then by text (matchBlocks.ts), moves found among the matched ones, and within each
 * block its textblocks lined up and diffed word by word. Renumbering alone is not a change: a
 * recommendation whose number changed only because others came or went keeps its status, with
 * `fromNumber` set.
 */
export function redline(from: JSONContent, to: JSONContent, options: RedlineOptions = {}): Redline {
  const before = draftBlocks(from)
  const after = draftBlocks(to)
  const { fromOf, moved } = matchBlocks(before, after)
  const numbersBefore = recommendationNumbers(before)
  const numbersAfter = recommendationNumbers(after)
  const counts = { inserted: 0, deleted: 0, movedBlocks: moved.size }

  const block = (f: number | undefined, t: number | undefined): RedlineBlock => {
    const a = f !== undefined ? before[f] : undefined
    const b = t !== undefined ? after[t] : undefined
    const d = diffBlock(a, b, (i) => (t !== undefined ? options.attribution?.authorRuns(t, i) : undefined))
    counts.inserted += d.inserted
    counts.deleted += d.deleted
    const changed = d.changes.length > 0 || d.paragraphs.some((p) => p.status !== 'same')
    const status: RedlineBlockStatus = !a ? 'new' : !b ? 'deleted' : moved.has(t!) ? 'moved' : changed ? 'modified' : 'unchanged'
    const shape: DraftBlock = (b ?? a)!
    const number = t !== undefined ? numbersAfter[t] : numbersBefore[f!]
    const fromNumber = f !== undefined && t !== undefined ? numbersBefore[f] : undefined
    return {
      kind: shape.kind,
      ...(shape.blockId !== undefined ? { blockId: shape.blockId } : {}),
      ...(number !== undefined ? { number } : {}),
      ...(fromNumber !== undefined && (fromNumber !== number || status === 'moved') ? { fromNumber } : {}),
      status,
      ...(f !== undefined ? { fromIndex: f } : {}),
      ...(t !== undefined ? { toIndex: t } : {}),
      changes: d.changes,
      paragraphs: d.paragraphs,
    }
  }

  const taken = new Set(fromOf.filter((f) => f >= 0))
  const blocks = [
    ...after.map((_, t) => block(fromOf[t]! >= 0 ? fromOf[t] : undefined, t)),
    ...before.flatMap((_, f) => (taken.has(f) ? [] : [block(f, undefined)])),
  ]
  return {
    blocks: redlineLayout(blocks)
      .filter((item) => item.place === 'here')
      .map((item) => item.block),
    counts,
  }
}
