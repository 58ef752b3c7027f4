import type { Editor } from '@tiptap/react'
import { anchorForRange } from '../../../shared/draft/anchors'
import { buildPositionIndex } from '../../../shared/draft/positionIndex'
import type { Anchor } from '../../../shared/types'
import type * as Y from 'yjs'

/** The text range the person selected (read-only drafts keep a selection too: see readOnlyDraft.ts). */
export function selectedRange(editor: Editor): { from: number; to: number } | null {
  const { from, to } = editor.state.selection
  return from < to ? { from, to } : null
}

/** Anchor + quote for a selection, ready for the comments API. */
export function anchorSelection(editor: Editor, fragment: Y.XmlFragment, range: { from: number; to: number }): Anchor & { quote: string } {
  const index = buildPositionIndex(fragment)
  const quote = editor.state.doc.textBetween(range.from, range.to, '\n', '\n')
  return { ...anchorForRange(index, range.from, range.to), quote }
}
