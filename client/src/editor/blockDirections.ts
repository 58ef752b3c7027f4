import { Extension } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { NODE } from '../../../shared/schema/names'

const key = new PluginKey<DecorationSet>('blockDirections')

/** Blocks that take the direction of their own text: an Arabic paragraph in an English draft, and the reverse. */
const DIRECTED: ReadonlySet<string> = new Set([
  NODE.paragraph,
  NODE.heading,
  NODE.recommendation,
  NODE.statement,
  NODE.actions,
  NODE.bulletList,
  NODE.orderedList,
  NODE.listItem,
])

const AUTO = { dir: 'auto' }

/** `dir="auto"` on every directed block between two positions (textblocks are not looked into). */
function decorationsBetween(doc: PMNode, from: number, to: number): Decoration[] {
  const found: Decoration[] = []
  doc.nodesBetween(from, to, (node, pos) => {
    if (DIRECTED.has(node.type.name)) found.push(Decoration.node(pos, pos + node.nodeSize, AUTO))
    return !node.isTextblock
  })
  return found
}

/** The parts of the new document a transaction changed, widened to whole top-level blocks. */
function changedBlocks(tr: Transaction): { from: number; to: number }[] {
  const ranges: { from: number; to: number }[] = []
  tr.mapping.maps.forEach((map, i) => {
    map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      const rest = tr.mapping.slice(i + 1)
      ranges.push({ from: rest.map(newStart, -1), to: rest.map(newEnd, 1) })
    })
  })
  const size = tr.doc.content.size
  return ranges.map(({ from, to }) => {
    const $from = tr.doc.resolve(Math.min(from, size))
    const $to = tr.doc.resolve(Math.min(to, size))
    return { from: $from.depth > 0 ? $from.before(1) : $from.pos, to: $to.depth > 0 ? $to.after(1) : $to.pos }
  })
}

/**
 * Each block of the draft is drawn with `dir="auto"`, so it runs in the direction of its first strong
 * letter: a draft may mix Arabic and English paragraphs, whatever the interface's language. Decorations,
 * not a stored attribute: nothing is added to the Yjs document, so drafts stay as they were. Built once,
 * then only the blocks a transaction touched are looked at again.
 */
export const BlockDirections = Extension.create({
  name: 'blockDirections',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: (_config, state) => DecorationSet.create(state.doc, decorationsBetween(state.doc, 0, state.doc.content.size)),
          apply(tr, set) {
            if (!tr.docChanged) return set
            let next = set.map(tr.mapping, tr.doc)
            for (const { from, to } of changedBlocks(tr)) {
              if (from >= to) continue
              // `find` also returns the neighbours that only touch the range: those stay.
              const inside = next.find(from, to).filter((d) => d.from >= from && d.to <= to)
              next = next.remove(inside).add(tr.doc, decorationsBetween(tr.doc, from, to))
            }
            return next
          },
        },
        props: { decorations: (state) => key.getState(state) },
      }),
    ]
  },
})
