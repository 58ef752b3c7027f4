import { Extension } from '@tiptap/core'
import { TextSelection } from '@tiptap/pm/state'
import type { EditorState } from '@tiptap/pm/state'
import { NODE } from '../../../shared/schema/names'

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    recommendations: {
      /** Inserts an empty recommendation after the current top-level block and puts the cursor in it. */
      insertRecommendation: () => ReturnType
    }
  }
}

/** The top-level index of the recommendation holding the selection, or null. */
export function currentRecommendationIndex(state: EditorState): number | null {
  const $from = state.selection.$from
  if ($from.depth < 1) return null
  const top = $from.node(1)
  return top.type.name === NODE.recommendation ? $from.index(0) : null
}

/** The number (1-based, as shown) of the recommendation the selection is in; null outside any. */
export function currentRecommendationNumber(state: EditorState): number | null {
  const current = currentRecommendationIndex(state)
  return current === null ? null : recommendationIndexes(state).indexOf(current) + 1
}

/** Top-level indexes of every recommendation, in order. */
export function recommendationIndexes(state: EditorState): number[] {
  const out: number[] = []
  state.doc.forEach((node, _offset, i) => {
    if (node.type.name === NODE.recommendation) out.push(i)
  })
  return out
}

/** Structure commands and keys for recommendations. */
export const RecommendationCommands = Extension.create({
  name: 'recommendationCommands',

  addCommands() {
    return {
      insertRecommendation:
        () =>
        ({ state, dispatch }) => {
          const schema = state.schema
          const rec = schema.nodes[NODE.recommendation]!.create(null, [
            schema.nodes[NODE.statement]!.create(),
            schema.nodes[NODE.actions]!.create(null, [
              schema.nodes[NODE.listItem]!.create(null, [schema.nodes[NODE.paragraph]!.create()]),
            ]),
          ])
          const $from = state.selection.$from
          const insertAt = $from.depth >= 1 ? $from.after(1) : state.doc.content.size
          if (dispatch) {
            const tr = state.tr.insert(insertAt, rec)
            tr.setSelection(TextSelection.create(tr.doc, insertAt + 2)).scrollIntoView()
            dispatch(tr)
          }
          return true
        },
    }
  },

  addKeyboardShortcuts() {
    return {
      // Enter at the end of a statement goes to the first action instead of splitting the statement.
      Enter: ({ editor }) => {
        const { state } = editor
        const { $from, empty } = state.selection
        if (!empty || $from.parent.type.name !== NODE.statement) return false
        if ($from.parentOffset !== $from.parent.content.size) return true
        const recStart = $from.before(1)
        // recommendation > statement > actions > listItem > paragraph: first text position of action 1.
        const actionsPos = recStart + 1 + $from.parent.nodeSize
        const target = actionsPos + 3
        editor.commands.setTextSelection(target)
        return true
      },
    }
  },
})
