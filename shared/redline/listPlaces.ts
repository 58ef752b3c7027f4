import type { RedlineParagraph } from './model'

/** Where a textblock of a list is drawn. */
export interface ListPlace {
  /** Nesting depth, 0 for the list's own items. */
  depth: number
  /** A further paragraph of the item above it, not an item of its own. */
  continues: boolean
}

/** Which side of the redline a paragraph belongs to: deleted, inserted, or both. */
const sideOf = (p: RedlineParagraph) => (p.status === 'delete' ? 'from' : p.status === 'insert' ? 'to' : 'both')

/**
 * How the textblocks of a list (a list block, or a recommendation's actions) are drawn: by their paths
 * (`pathOf` picks the path of the side being drawn). A textblock continues the item above it when it
 * has the same path on the same side; a deleted item and the inserted one that took its place are two.
 */
export function listPlaces(paragraphs: readonly RedlineParagraph[], pathOf: (p: RedlineParagraph) => number[] | undefined): ListPlace[] {
  return paragraphs.map((p, i) => {
    const path = pathOf(p) ?? []
    const before = paragraphs[i - 1]
    const continues = before !== undefined && sideOf(before) === sideOf(p) && (pathOf(before) ?? []).join('.') === path.join('.')
    return { depth: Math.max(0, path.length - 1), continues }
  })
}
