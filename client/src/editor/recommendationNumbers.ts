import { Extension } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { NODE } from '../../../shared/schema/names'

const key = new PluginKey<DecorationSet>('recommendationNumbers')

/** Each recommendation's number (its place among the recommendations) as a `data-number` attribute. */
function numbers(doc: PMNode): DecorationSet {
  const decorations: Decoration[] = []
  let n = 0
  doc.forEach((node, offset) => {
    if (node.type.name === NODE.recommendation) decorations.push(Decoration.node(offset, offset + node.nodeSize, { 'data-number': String(++n) }))
  })
  return DecorationSet.create(doc, decorations)
}

/**
 * Numbers the recommendations for display ("Recommendation 3", editor.css). Not a CSS counter: blocks
 * out of view skip their rendering (content-visibility), and the style containment that comes with it
 * would restart a counter inside every block. Recommendations sit only at the top level, so a pass
 * over the top-level nodes after each change is enough.
 */
export const RecommendationNumbers = Extension.create({
  name: 'recommendationNumbers',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: (_config, state) => numbers(state.doc),
          apply: (tr, set) => (tr.docChanged ? numbers(tr.doc) : set),
        },
        props: { decorations: (state) => key.getState(state) },
      }),
    ]
  },
})
