import type { Editor } from '@tiptap/react'
import { anchorForRange } from '../../../shared/draft/anchors'
import { buildPositionIndex } from '../../../shared/draft/positionIndex'
import type { Anchor } from '../../../shared/types'
import type * as Y from 'yjs'

/**
 * The text range the person selected, from ProseMirror's selection when the editor is editable, or from
 * the browser's selection when it is read-only (commenters select text without being able to edit it).
 */
export function selectedRange(editor: Editor): { from: number; to: number } | null {
  const view = editor.view
  if (editor.isEditable) {
    const { from, to } = editor.state.selection
    return from < to ? { from, to } : null
  }
  const sel = window.getSelection()
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null
  const range = sel.getRangeAt(0)
  if (!view.dom.contains(range.startContainer) || !view.dom.contains(range.endContainer)) return null
  try {
    const a = view.posAtDOM(range.startContainer, range.startOffset)
    const b = view.posAtDOM(range.endContainer, range.endOffset)
    return a < b ? { from: a, to: b } : b < a ? { from: b, to: a } : null
  } catch {
    return null
  }
}

/** Anchor + quote for a selection, ready for the comments API. */
export function anchorSelection(editor: Editor, fragment: Y.XmlFragment, range: { from: number; to: number }): Anchor & { quote: string } {
  const index = buildPositionIndex(fragment)
  const quote = editor.state.doc.textBetween(range.from, range.to, '\n', '\n')
  return { ...anchorForRange(index, range.from, range.to), quote }
}
