import { diffArrays } from 'diff'
import { keptOrder } from './stableOrder'
import type { DraftBlock } from './textblocks'
import { type WordBag, similarity, similarityBound, wordBag } from './words'

/**
 * Two top-level blocks are taken for one block that changed when at least half of their words are
 * shared (Dice 0.5): an edited recommendation stays far above it, an unrelated one of the same kind
 * far below.
 */
export const BLOCK_SIMILARITY = 0.5

export interface BlockMatch {
  /** For each block of the later draft, the index of the same block in the earlier draft, or -1 (new). */
  fromOf: number[]
  /** Later-draft indexes of matched blocks that changed place relative to the others. */
  moved: Set<number>
}

const textOf = (block: DraftBlock) => block.textblocks.map((t) => t.text).join('\n')
const keyOf = (block: DraftBlock) => `${block.kind}\u0000${textOf(block)}`

/** Pairs blocks by id: the first block carrying an id in each draft. */
function matchIds(from: readonly DraftBlock[], to: readonly DraftBlock[], fromOf: number[], taken: boolean[]): void {
  const byId = new Map<string, number>()
  from.forEach((block, i) => {
    if (block.blockId !== undefined && !byId.has(block.blockId)) byId.set(block.blockId, i)
  })
  const seen = new Set<string>()
  to.forEach((block, t) => {
    if (block.blockId === undefined || seen.has(block.blockId)) return
    seen.add(block.blockId)
    const f = byId.get(block.blockId)
    if (f !== undefined && from[f]!.kind === block.kind) {
      fromOf[t] = f
      taken[f] = true
    }
  })
}

/**
 * Pairs blocks of equal kind and text: first in order (a diff of the two sequences, so that of repeated
 * texts the ones in place pair up), then the rest in order of appearance (blocks moved without ids).
 */
function matchEqualTexts(from: readonly DraftBlock[], to: readonly DraftBlock[], fromOf: number[], taken: boolean[]): void {
  const fromLeft = from.flatMap((_, f) => (taken[f] ? [] : [f]))
  const toLeft = to.flatMap((_, t) => (fromOf[t]! >= 0 ? [] : [t]))
  const fromKeys = fromLeft.map((f) => keyOf(from[f]!))
  const toKeys = toLeft.map((t) => keyOf(to[t]!))
  let i = 0
  let j = 0
  for (const change of diffArrays(fromKeys, toKeys)) {
    if (change.added) j += change.count
    else if (change.removed) i += change.count
    else {
      for (let k = 0; k < change.count; k++) {
        fromOf[toLeft[j + k]!] = fromLeft[i + k]!
        taken[fromLeft[i + k]!] = true
      }
      i += change.count
      j += change.count
    }
  }
  const waiting = new Map<string, number[]>()
  fromLeft.forEach((f, k) => {
    if (taken[f]) return
    const queue = waiting.get(fromKeys[k]!)
    if (queue) queue.push(f)
    else waiting.set(fromKeys[k]!, [f])
  })
  toLeft.forEach((t, k) => {
    if (fromOf[t]! >= 0) return
    const f = waiting.get(toKeys[k]!)?.shift()
    if (f === undefined) return
    fromOf[t] = f
    taken[f] = true
  })
}

/**
 * Pairs the remaining blocks of equal kind by word similarity, most alike first, whatever their order
 * (a reworded recommendation moved elsewhere is still found); of equally alike pairs, those nearer in
 * place first.
 */
function matchSimilar(from: readonly DraftBlock[], to: readonly DraftBlock[], fromOf: number[], taken: boolean[]): void {
  const fromLeft = from.flatMap((_, f) => (taken[f] ? [] : [f]))
  const toLeft = to.flatMap((_, t) => (fromOf[t]! >= 0 ? [] : [t]))
  if (fromLeft.length === 0 || toLeft.length === 0) return
  const bags = new Map<DraftBlock, WordBag>()
  const bag = (block: DraftBlock) => bags.get(block) ?? bags.set(block, wordBag(textOf(block))).get(block)!
  const candidates: { f: number; t: number; score: number; distance: number }[] = []
  for (const t of toLeft) {
    for (const f of fromLeft) {
      const a = from[f]!
      const b = to[t]!
      if (a.kind !== b.kind || similarityBound(bag(a), bag(b)) < BLOCK_SIMILARITY) continue
      const score = similarity(bag(a), bag(b))
      if (score >= BLOCK_SIMILARITY) candidates.push({ f, t, score, distance: Math.abs(f / from.length - t / to.length) })
    }
  }
  candidates.sort((x, y) => y.score - x.score || x.distance - y.distance || x.t - y.t || x.f - y.f)
  for (const { f, t } of candidates) {
    if (taken[f] || fromOf[t]! >= 0) continue
    fromOf[t] = f
    taken[f] = true
  }
}

/**
 * Matches the top-level blocks of two drafts: by stable id first, then by equal text, then by similar
 * text (drafts made before blocks had ids, or a block whose id changed). Of the matched blocks, those
 * outside the heaviest subset that kept its order moved; recommendations weigh more than other blocks,
 * so that the numbered ones are the last to be called moved.
 */
export function matchBlocks(from: readonly DraftBlock[], to: readonly DraftBlock[]): BlockMatch {
  const fromOf = new Array<number>(to.length).fill(-1)
  const taken = new Array<boolean>(from.length).fill(false)
  matchIds(from, to, fromOf, taken)
  matchEqualTexts(from, to, fromOf, taken)
  matchSimilar(from, to, fromOf, taken)
  const matched = to.flatMap((_, t) => (fromOf[t]! >= 0 ? [t] : []))
  const heavy = to.length + 1
  const kept = keptOrder(
    matched.map((t) => fromOf[t]!),
    matched.map((t) => (to[t]!.kind === 'recommendation' ? heavy : 1)),
  )
  return { fromOf, moved: new Set(matched.filter((_, k) => !kept[k])) }
}
