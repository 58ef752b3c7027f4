import type { RedlineBlock } from './model'

/** A block as drawn: where it is in the later draft, or where a moved block stood in the earlier one. */
export interface RedlineItem {
  block: RedlineBlock
  /** `here`: at its place in the later draft (or, deleted, where it stood); `movedAway`: the old place of a moved block. */
  place: 'here' | 'movedAway'
  /** For a moved block: whether it moved down the draft (its new place comes after the old one) or up. */
  moved?: 'down' | 'up'
}

/** A block in both drafts that kept its place: what deleted and moved-away blocks are placed after. */
const isStable = (b: RedlineBlock) => b.fromIndex !== undefined && b.toIndex !== undefined && b.status !== 'moved'

/**
 * The order in which to draw a redline: the later draft's blocks in order, and each block that left its
 * place (deleted, or moved elsewhere) right after the nearest block before it in the earlier draft that
 * stayed, ahead of blocks new there (deletions before insertions, as word processors show them).
 */
export function redlineLayout(blocks: readonly RedlineBlock[]): RedlineItem[] {
  const later = blocks.filter((b) => b.toIndex !== undefined).sort((a, b) => a.toIndex! - b.toIndex!)
  const anchors = blocks.filter(isStable).sort((a, b) => a.fromIndex! - b.fromIndex!)
  const leavers = blocks.filter((b) => b.status === 'deleted' || b.status === 'moved').sort((a, b) => a.fromIndex! - b.fromIndex!)
  const after = new Map<RedlineBlock | null, RedlineItem[]>()
  let k = -1
  for (const block of leavers) {
    while (k + 1 < anchors.length && anchors[k + 1]!.fromIndex! < block.fromIndex!) k++
    const anchor = k >= 0 ? anchors[k]! : null
    const item: RedlineItem = { block, place: block.status === 'moved' ? 'movedAway' : 'here' }
    const list = after.get(anchor)
    if (list) list.push(item)
    else after.set(anchor, [item])
  }
  const out: RedlineItem[] = [...(after.get(null) ?? [])]
  for (const block of later) out.push({ block, place: 'here' }, ...(after.get(block) ?? []))
  const oldPlace = new Map(out.flatMap((item, i) => (item.place === 'movedAway' ? [[item.block, i] as const] : [])))
  out.forEach((item, i) => {
    if (item.block.status !== 'moved') return
    const here = item.place === 'here' ? i : out.findIndex((x) => x.block === item.block && x.place === 'here')
    item.moved = here > oldPlace.get(item.block)! ? 'down' : 'up'
  })
  return out
}
