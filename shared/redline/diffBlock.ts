import { alignTextblocks } from './alignTextblocks'
import { type AuthorRuns, diffParagraph } from './diffParagraph'
import type { RedlineAuthor, RedlineChange, RedlineParagraph, RedlineSegment } from './model'
import { sameMarks } from './marks'
import type { DraftBlock, Run, Textblock } from './textblocks'

export interface BlockDiff {
  paragraphs: RedlineParagraph[]
  changes: RedlineChange[]
  inserted: number
  deleted: number
}

const authorKey = (author: RedlineAuthor | undefined) => (author ? `${author.name}\u0000${author.org}` : '')

/** What changed in a textblock, one line per run of inserted (per author), deleted or reformatted text. */
function changesOf(segments: readonly RedlineSegment[]): RedlineChange[] {
  const out: RedlineChange[] = []
  let open: { change: RedlineChange; key: string } | null = null
  for (const s of segments) {
    const type = s.type === 'same' ? (s.marksBefore ? 'format' : null) : s.type
    if (type === null) {
      open = null
      continue
    }
    const key = `${type}\u0000${type === 'insert' ? authorKey(s.author) : ''}`
    if (open && open.key === key) {
      open.change.text += s.text
      continue
    }
    const change: RedlineChange = { type, text: s.text, ...(type === 'insert' && s.author ? { author: s.author } : {}) }
    out.push(change)
    open = { change, key }
  }
  return out.filter((c) => c.text !== '')
}

const depth = (tb: Textblock) => tb.path?.length ?? 0
const samePath = (a?: number[], b?: number[]) => (a ?? []).join('.') === (b ?? []).join('.')
const sameRuns = (a: readonly Run[], b: readonly Run[]) => a.length === b.length && a.every((r, i) => r.text === b[i]!.text && sameMarks(r.marks, b[i]!.marks))

/** Whether a block reads the same in both drafts, to the marks: most blocks, between two versions. */
const unchanged = (a: DraftBlock, b: DraftBlock) =>
  a.textblocks.length === b.textblocks.length &&
  a.textblocks.every((x, i) => {
    const y = b.textblocks[i]!
    return x.text === y.text && x.role === y.role && x.level === y.level && samePath(x.path, y.path) && sameRuns(x.runs, y.runs)
  })

/** Where a textblock stands: its role, heading level and list path. */
const shapeOf = (tb: Textblock) => ({ role: tb.role, ...(tb.level !== undefined ? { level: tb.level } : {}), ...(tb.path ? { path: tb.path } : {}) })

/** A paired textblock whose heading level or list depth changed: a formatting change of the whole of it. */
const restructured = (from: Textblock, to: Textblock) => from.level !== to.level || depth(from) !== depth(to)

/**
 * The redline of one top-level block: of a block in both drafts, or of a new (`from` undefined) or
 * deleted (`to` undefined) one. `authorsOf(i)` gives the author runs of the later draft's textblock i.
 */
export function diffBlock(from: DraftBlock | undefined, to: DraftBlock | undefined, authorsOf: (textblock: number) => AuthorRuns | undefined): BlockDiff {
  const result: BlockDiff = { paragraphs: [], changes: [], inserted: 0, deleted: 0 }
  if (from && to && unchanged(from, to)) {
    result.paragraphs = to.textblocks.map((tb) => ({ ...shapeOf(tb), status: 'same', segments: tb.runs.map((r) => ({ type: 'same', text: r.text, marks: r.marks })) }))
    return result
  }
  for (const pair of alignTextblocks(from?.textblocks ?? [], to?.textblocks ?? [])) {
    const d = diffParagraph(pair.from, pair.to, pair.toIndex !== undefined ? authorsOf(pair.toIndex) : undefined)
    const shape = (pair.to ?? pair.from)!
    const moved = pair.from && pair.to && restructured(pair.from, pair.to)
    const changed = d.segments.some((s) => s.type !== 'same' || s.marksBefore)
    result.paragraphs.push({
      ...shapeOf(shape),
      ...(pair.from && pair.to && pair.from.level !== pair.to.level && pair.from.level !== undefined ? { levelBefore: pair.from.level } : {}),
      ...(pair.from && pair.to && pair.from.path && !samePath(pair.from.path, pair.to.path) ? { pathBefore: pair.from.path } : {}),
      status: !pair.from ? 'insert' : !pair.to ? 'delete' : changed || moved ? 'modified' : 'same',
      segments: d.segments,
    })
    result.changes.push(...changesOf(d.segments))
    if (moved) result.changes.push({ type: 'format', text: pair.to!.text })
    result.inserted += d.inserted
    result.deleted += d.deleted
  }
  return result
}
