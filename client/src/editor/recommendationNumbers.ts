import { Extension } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state'
import { ReplaceAroundStep, ReplaceStep } from '@tiptap/pm/transform'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { NODE } from '../../../shared/schema/names'

const key = new PluginKey<DecorationSet>('recommendationNumbers')

/** Each recommendation's number (its place among the recommendations) as a `data-number` attribute. */
export function numbers(doc: PMNode): DecorationSet {
  const decorations: Decoration[] = []
  let n = 0
  doc.forEach((node, offset) => {
    if (node.type.name === NODE.recommendation) decorations.push(Decoration.node(offset, offset + node.nodeSize, { 'data-number': String(++n) }))
  })
  return DecorationSet.create(doc, decorations)
}

/**
 * Whether a transaction may have added, removed, moved or retyped a top-level block: any step not
 * inside a single top-level node. Steps inside one (typing, remote text edits) cannot change the order.
 */
function touchesTopLevel(tr: Transaction): boolean {
  return tr.steps.some((step, i) => {
    if (!(step instanceof ReplaceStep || step instanceof ReplaceAroundStep)) return true
    const doc = tr.docs[i]!
    const $from = doc.resolve(step.from)
    const $to = doc.resolve(step.to)
    if ($from.depth === 0 || $to.depth === 0 || $from.index(0) !== $to.index(0)) return true
    // A paste inside a paragraph can still bring a whole recommendation with it.
    let bringsRecommendation = false
    step.slice.content.descendants((node) => {
      if (node.type.name === NODE.recommendation) bringsRecommendation = true
      return !bringsRecommendation
    })
    return bringsRecommendation
  })
}

/** The numbers after a transaction, from those before it. */
export function numbersAfter(tr: Transaction, before: DecorationSet): DecorationSet {
  if (!tr.docChanged) return before
  return touchesTopLevel(tr) ? numbers(tr.doc) : before.map(tr.mapping, tr.doc)
}

/**
 * Numbers the recommendations for display ("Recommendation 3", editor.css). Not a CSS counter: blocks
 * out of view skip their rendering (content-visibility), and the style containment that comes with it
 * would restart a counter inside every block. Recommendations sit only at the top level, so they are
 * renumbered when the top level changes; edits inside a block just map the numbers along.
 */
export const RecommendationNumbers = Extension.create({
  name: 'recommendationNumbers',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: (_config, state) => numbers(state.doc),
          apply: (tr, set) => numbersAfter(tr, set),
        },
        props: { decorations: (state) => key.getState(state) },
      }),
    ]
  },
})
