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

/** The pairing in progress: for each later block its earlier one (or -1), and which earlier blocks are taken. */
class Pairing {
  readonly fromOf: number[]
  private readonly taken: boolean[]
  private readonly bags = new Map<DraftBlock, WordBag>()

  constructor(
    private readonly from: readonly DraftBlock[],
    private readonly to: readonly DraftBlock[],
  ) {
    this.fromOf = new Array<number>(to.length).fill(-1)
    this.taken = new Array<boolean>(from.length).fill(false)
  }

  private pair(f: number, t: number): void {
    this.fromOf[t] = f
    this.taken[f] = true
  }

  private fromLeft = () => this.from.flatMap((_, f) => (this.taken[f] ? [] : [f]))
  private toLeft = () => this.to.flatMap((_, t) => (this.fromOf[t]! >= 0 ? [] : [t]))
  private bag = (block: DraftBlock) => this.bags.get(block) ?? this.bags.set(block, wordBag(textOf(block))).get(block)!

  /** By id: the first block carrying an id in each draft. */
  byId(): void {
    const byId = new Map<string, number>()
    this.from.forEach((block, f) => {
      if (block.blockId !== undefined && !byId.has(block.blockId)) byId.set(block.blockId, f)
    })
    const seen = new Set<string>()
    this.to.forEach((block, t) => {
      if (block.blockId === undefined || seen.has(block.blockId)) return
      seen.add(block.blockId)
      const f = byId.get(block.blockId)
      if (f !== undefined && this.from[f]!.kind === block.kind) this.pair(f, t)
    })
  }

  /**
   * Equal kind and text, in order: a diff of the two sequences, so that of repeated texts the ones in
   * place pair up. Answers the stretches between them that differ (earlier blocks, later blocks): where
   * blocks edited in place are.
   */
  equalInOrder(): [number[], number[]][] {
    const fromLeft = this.fromLeft()
    const toLeft = this.toLeft()
    const gaps: [number[], number[]][] = [[[], []]]
    let i = 0
    let j = 0
    for (const change of diffArrays(fromLeft.map((f) => keyOf(this.from[f]!)), toLeft.map((t) => keyOf(this.to[t]!)))) {
      const gap = gaps[gaps.length - 1]!
      if (change.removed) gap[0].push(...fromLeft.slice(i, (i += change.count)))
      else if (change.added) gap[1].push(...toLeft.slice(j, (j += change.count)))
      else {
        for (let k = 0; k < change.count; k++) this.pair(fromLeft[i + k]!, toLeft[j + k]!)
        i += change.count
        j += change.count
        gaps.push([[], []])
      }
    }
    return gaps.filter(([a, b]) => a.length > 0 && b.length > 0)
  }

  /** Equal kind and text anywhere, in order of appearance: blocks moved in drafts without ids. */
  equalAnywhere(): void {
    const waiting = new Map<string, number[]>()
    for (const f of this.fromLeft()) {
      const key = keyOf(this.from[f]!)
      const queue = waiting.get(key)
      if (queue) queue.push(f)
      else waiting.set(key, [f])
    }
    for (const t of this.toLeft()) {
      const f = waiting.get(keyOf(this.to[t]!))?.shift()
      if (f !== undefined) this.pair(f, t)
    }
  }

  /**
   * Equal kind and similar words, most alike first whatever their order (a reworded recommendation moved
   * elsewhere is still found); of equally alike pairs, those nearer in place first.
   */
  similar(fromCandidates = this.fromLeft(), toCandidates = this.toLeft()): void {
    const candidates: { f: number; t: number; score: number; distance: number }[] = []
    for (const t of toCandidates) {
      for (const f of fromCandidates) {
        const [a, b] = [this.from[f]!, this.to[t]!]
        if (a.kind !== b.kind || similarityBound(this.bag(a), this.bag(b)) < BLOCK_SIMILARITY) continue
        const score = similarity(this.bag(a), this.bag(b))
        if (score >= BLOCK_SIMILARITY) candidates.push({ f, t, score, distance: Math.abs(f / this.from.length - t / this.to.length) })
      }
    }
    candidates.sort((x, y) => y.score - x.score || x.distance - y.distance || x.t - y.t || x.f - y.f)
    for (const { f, t } of candidates) if (!this.taken[f] && this.fromOf[t]! < 0) this.pair(f, t)
  }
}

/**
 * Matches the top-level blocks of two drafts: by stable id first, then by equal text, then by similar
 * text (drafts made before blocks had ids, or a block whose id changed): in place, then anywhere. Of the matched blocks, those
 * outside the heaviest subset that kept its order moved; recommendations weigh more than other blocks,
 * so that the numbered ones are the last to be called moved.
 */
export function matchBlocks(from: readonly DraftBlock[], to: readonly DraftBlock[]): BlockMatch {
  const pairing = new Pairing(from, to)
  pairing.byId()
  // Blocks edited in place first (cheap: the stretches between equal blocks are short), then the rest.
  for (const [earlier, later] of pairing.equalInOrder()) pairing.similar(earlier, later)
  pairing.equalAnywhere()
  pairing.similar()
  const { fromOf } = pairing
  const matched = to.flatMap((_, t) => (fromOf[t]! >= 0 ? [t] : []))
  const heavy = to.length + 1
  const kept = keptOrder(
    matched.map((t) => fromOf[t]!),
    matched.map((t) => (to[t]!.kind === 'recommendation' ? heavy : 1)),
  )
  return { fromOf, moved: new Set(matched.filter((_, k) => !kept[k])) }
}
