import type { Editor } from '@tiptap/react'
import { TextSelection } from '@tiptap/pm/state'
import { relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import type { BlockMovedListener } from '../../../shared/draft/followMovedBlocks'

interface BindingInternals {
  doc: Y.Doc
  type: Y.XmlFragment
  mapping: Map<Y.AbstractType<unknown>, unknown>
  /** The selection as relative positions, captured by the binding before the current Yjs transaction. */
  beforeTransactionSelection: { type: string; anchor: Y.RelativePosition | null; head: Y.RelativePosition | null } | null
}

/**
 * Keeps this window's caret in a recommendation that someone else moves. The binding restores the
 * selection from relative positions into the moved-away original, which no longer resolve there, and
 * the caret would land at the start of the next recommendation (the next keys with it). Here the
 * positions are taken over to the copy and the caret is put back once the move is drawn.
 */
export function caretFollowsMoves(editor: Editor): BlockMovedListener {
  return (copyOf, local) => {
    // This window's own moves place the caret themselves (useDraftHistory).
    if (local || editor.isDestroyed) return
    const binding = (ySyncPluginKey.getState(editor.state) as { binding?: BindingInternals } | undefined)?.binding
    const selection = binding?.beforeTransactionSelection
    if (!binding || !selection || selection.type !== 'text' || !selection.anchor || !selection.head) return
    const follow = (rel: Y.RelativePosition): Y.RelativePosition | null => {
      const target = rel.item ? copyOf(rel.item) : rel.type ? copyOf(rel.type) : null
      if (!target) return null
      return Y.createRelativePositionFromJSON(rel.item ? { item: target, assoc: rel.assoc } : { type: target, assoc: rel.assoc })
    }
    const { anchor, head } = selection
    // After the binding has drawn the move and this window's words in flight are typed again (the
    // caret often sits right after them).
    queueMicrotask(() => {
      if (editor.isDestroyed) return
      const [anchorRel, headRel] = [follow(anchor), follow(head)]
      if (!anchorRel && !headRel) return
      const toPm = (rel: Y.RelativePosition) => relativePositionToAbsolutePosition(binding.doc, binding.type, rel, binding.mapping as never)
      const [a, h] = [toPm(anchorRel ?? anchor), toPm(headRel ?? head)]
      if (a === null || h === null) return
      const { state, view } = editor
      const size = state.doc.content.size
      if (a > size || h > size) return
      view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, a, h)).setMeta('addToHistory', false))
    })
  }
}
