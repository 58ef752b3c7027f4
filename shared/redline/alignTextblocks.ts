import { diffArrays } from 'diff'
import type { Textblock } from './textblocks'
import { similarity, wordBag } from './words'

/**
 * Two textblocks (actions, list items) between unchanged ones are taken for one edited textblock when
 * at least 40% of their words are shared: an action reworded in place stays one action; a new action
 * next to a deleted one does not become a replacement of it.
 */
export const TEXTBLOCK_SIMILARITY = 0.4

/** Beyond this many candidate pairs in one stretch, the stretch is shown as deleted and inserted. */
const MAX_PAIRS = 10_000

/** The same textblock in both drafts (`from` and `to`), or one only in one of them. */
export interface AlignedTextblock {
  from?: Textblock
  to?: Textblock
  /** Index of the textblock within its block, in the earlier and the later draft. */
  fromIndex?: number
  toIndex?: number
}

/**
 * Pairs the textblocks of a changed stretch (`a` deleted, `b` inserted) by similarity, keeping their order
 * (a small dynamic programme that maximises the total similarity). One against one is always a pair.
 */
function pairStretch(a: readonly number[], b: readonly number[], from: readonly Textblock[], to: readonly Textblock[]): [number, number][] {
  if (a.length === 0 || b.length === 0) return []
  if (a.length === 1 && b.length === 1) return [[a[0]!, b[0]!]]
  if (a.length * b.length > MAX_PAIRS) return []
  const bagsA = a.map((i) => wordBag(from[i]!.text))
  const bagsB = b.map((j) => wordBag(to[j]!.text))
  const score = (i: number, j: number) => {
    const s = similarity(bagsA[i]!, bagsB[j]!)
    return s >= TEXTBLOCK_SIMILARITY ? s : -1
  }
  // best[i][j]: the best total for a[i..] and b[j..].
  const best = Array.from({ length: a.length + 1 }, () => new Float64Array(b.length + 1))
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const s = score(i, j)
      best[i]![j] = Math.max(best[i + 1]![j]!, best[i]![j + 1]!, s >= 0 ? s + best[i + 1]![j + 1]! : -1)
    }
  }
  const pairs: [number, number][] = []
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const s = score(i, j)
    if (s >= 0 && best[i]![j] === s + best[i + 1]![j + 1]!) pairs.push([a[i++]!, b[j++]!])
    else if (best[i]![j] === best[i + 1]![j]) i++
    else j++
  }
  return pairs
}

/**
 * Lines up the textblocks of one top-level block in two drafts: a recommendation's statements always
 * pair, equal texts pair in order, and what lies between them pairs by similarity. The result is in
 * document order, a deleted textblock before the inserted ones that took its place.
 */
export function alignTextblocks(from: readonly Textblock[], to: readonly Textblock[]): AlignedTextblock[] {
  const out: AlignedTextblock[] = []
  const emit = (i: number | undefined, j: number | undefined) =>
    out.push({ ...(i !== undefined ? { from: from[i]!, fromIndex: i } : {}), ...(j !== undefined ? { to: to[j]!, toIndex: j } : {}) })
  const statements = from[0]?.role === 'statement' && to[0]?.role === 'statement'
  if (statements) emit(0, 0)
  const start = statements ? 1 : 0
  let i = start
  let j = start
  let gapA: number[] = []
  let gapB: number[] = []
  const flush = () => {
    const pairs = pairStretch(gapA, gapB, from, to)
    let x = 0
    let y = 0
    for (const [pa, pb] of [...pairs, [Infinity, Infinity] as [number, number]]) {
      while (x < gapA.length && gapA[x]! < pa) emit(gapA[x++], undefined)
      while (y < gapB.length && gapB[y]! < pb) emit(undefined, gapB[y++])
      if (pa !== Infinity) {
        emit(pa, pb)
        x++
        y++
      }
    }
    gapA = []
    gapB = []
  }
  const changes = diffArrays(from.slice(start), to.slice(start), { comparator: (x, y) => x.text === y.text })
  for (const change of changes) {
    if (change.removed) for (let k = 0; k < change.count; k++) gapA.push(i++)
    else if (change.added) for (let k = 0; k < change.count; k++) gapB.push(j++)
    else {
      flush()
      for (let k = 0; k < change.count; k++) emit(i++, j++)
    }
  }
  flush()
  return out
}
