import * as Y from 'yjs'

/** One character or one element of a block, in document order. */
export interface BlockUnit {
  id: Y.ID
  /** The character; null for an element. */
  char: string | null
  /** The element's name ('text' for a Y.XmlText); empty for characters. */
  name: string
  /** For characters: the text they belong to and their index among its kept characters. */
  text: Y.XmlText | null
  index: number
}

/** The characters and elements of a block that `include` keeps, depth first. */
export function unitsOf(block: Y.XmlElement, include: (item: Y.Item) => boolean): BlockUnit[] {
  const out: BlockUnit[] = []
  const walk = (type: Y.AbstractType<unknown>) => {
    let index = 0
    for (let item = type._start; item !== null; item = item.right) {
      if (!include(item)) continue
      const content = item.content
      if (content instanceof Y.ContentString) {
        for (let k = 0; k < content.str.length; k++) {
          out.push({ id: Y.createID(item.id.client, item.id.clock + k), char: content.str[k]!, name: '', text: type as Y.XmlText, index: index++ })
        }
      } else if (content instanceof Y.ContentType) {
        const child = content.type
        out.push({ id: item.id, char: null, name: child instanceof Y.XmlElement ? child.nodeName : 'text', text: null, index: -1 })
        walk(child as Y.AbstractType<unknown>)
      }
    }
  }
  walk(block as unknown as Y.AbstractType<unknown>)
  return out
}

/** Beyond this many cells the middle of two blocks is left unmatched rather than compared in full. */
const MAX_TABLE_CELLS = 4_000_000

/**
 * Which unit of `now` each unit of `was` is (-1: none), by a longest common subsequence after the
 * common start and end. Units for which `absent` holds are known not to be in `now` and match nothing
 * (otherwise " IN FLIGHT" could take the copy's space and be put back as "IN FLIGHT" without one).
 */
export function matchUnits(was: BlockUnit[], now: BlockUnit[], absent: (u: BlockUnit) => boolean): Int32Array {
  const same = (a: BlockUnit, b: BlockUnit) => a.char === b.char && a.name === b.name && !absent(a)
  const match = new Int32Array(was.length).fill(-1)
  let head = 0
  while (head < was.length && head < now.length && same(was[head]!, now[head]!)) {
    match[head] = head
    head++
  }
  let tail = 0
  while (tail < was.length - head && tail < now.length - head && same(was[was.length - 1 - tail]!, now[now.length - 1 - tail]!)) {
    match[was.length - 1 - tail] = now.length - 1 - tail
    tail++
  }
  matchMiddle(was, now, match, same, [head, was.length - tail], [head, now.length - tail])
  return match
}

/** Longest common subsequence of was[a0, a1) and now[b0, b1), written into `match`. */
function matchMiddle(
  was: BlockUnit[],
  now: BlockUnit[],
  match: Int32Array,
  same: (a: BlockUnit, b: BlockUnit) => boolean,
  [a0, a1]: [number, number],
  [b0, b1]: [number, number],
): void {
  const n = a1 - a0
  const m = b1 - b0
  if (n === 0 || m === 0 || (n + 1) * (m + 1) > MAX_TABLE_CELLS) return
  const w = m + 1
  const table = new Uint32Array((n + 1) * w)
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * w + j] = same(was[a0 + i]!, now[b0 + j]!) ? table[(i + 1) * w + j + 1]! + 1 : Math.max(table[(i + 1) * w + j]!, table[i * w + j + 1]!)
    }
  }
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (same(was[a0 + i]!, now[b0 + j]!)) {
      match[a0 + i] = b0 + j
      i++
      j++
    } else if (table[(i + 1) * w + j]! >= table[i * w + j + 1]!) i++
    else j++
  }
}
