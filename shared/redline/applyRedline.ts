import type { Redline, RedlineBlockKind, RedlineParagraph } from './model'
import { type DraftBlock, type Run, normalizeRuns } from './textblocks'

/** One side of a redline rebuilt from it: each block's textblocks with their text and marks. */
export interface RedlineSideBlock {
  kind: RedlineBlockKind
  paragraphs: RedlineSideParagraph[]
}

export interface RedlineSideParagraph {
  role: RedlineParagraph['role']
  level?: number
  path?: number[]
  runs: Run[]
}

/**
 * A draft as it stands on one side of a redline: `to` takes every insertion and drops every deletion,
 * `from` the reverse, with the marks and places each side had.
 */
export function applyRedline(model: Redline, side: 'from' | 'to'): RedlineSideBlock[] {
  const later = side === 'to'
  const index = (b: Redline['blocks'][number]) => (later ? b.toIndex : b.fromIndex)
  return model.blocks
    .filter((b) => index(b) !== undefined)
    .sort((a, b) => index(a)! - index(b)!)
    .map((b) => ({
      kind: b.kind,
      paragraphs: b.paragraphs
        .filter((p) => p.status !== (later ? 'delete' : 'insert'))
        .map((p) => {
          const level = later ? p.level : (p.levelBefore ?? p.level)
          const path = later ? p.path : (p.pathBefore ?? p.path)
          const runs = p.segments
            .filter((s) => s.type !== (later ? 'delete' : 'insert'))
            .map((s) => ({ text: s.text, marks: later ? s.marks : (s.marksBefore ?? s.marks) }))
          return { role: p.role, ...(level !== undefined ? { level } : {}), ...(path ? { path } : {}), runs: normalizeRuns(runs) }
        }),
    }))
}

/** A draft's blocks in the same shape, to compare with a side of its redline. */
export function sideOf(blocks: readonly DraftBlock[]): RedlineSideBlock[] {
  return blocks.map((b) => ({
    kind: b.kind,
    paragraphs: b.textblocks.map((t) => ({
      role: t.role,
      ...(t.level !== undefined ? { level: t.level } : {}),
      ...(t.path ? { path: t.path } : {}),
      runs: t.runs,
    })),
  }))
}
