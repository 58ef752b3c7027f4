/** A proposal's place in the text: any positions that order (ProseMirror's, or the server's text index). */
export interface Placed {
  from: number
  to: number
}

/**
 * Proposals grouped by the words they are on: proposals whose ranges overlap are alternatives for the
 * same words (accepting one makes the others outdated); a group of one is a plain proposal. Groups come
 * in text order, each sorted by where its members start.
 */
export function groupAlternatives<T extends Placed>(items: readonly T[]): T[][] {
  const sorted = [...items].sort((a, b) => a.from - b.from || a.to - b.to)
  const groups: T[][] = []
  let end = -Infinity
  for (const item of sorted) {
    const last = groups[groups.length - 1]
    if (last && item.from < end) {
      last.push(item)
      end = Math.max(end, item.to)
    } else {
      groups.push([item])
      end = item.to
    }
  }
  return groups
}
