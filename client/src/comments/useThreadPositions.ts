import type { Editor } from '@tiptap/react'
import { type RefObject, useEffect, useMemo, useState } from 'react'
import type { Range } from '../../../shared/draft/anchors'
import type { Comment } from '../../../shared/types'
import { onSkippedBlocksChange, passageTop } from './passageTop'

/**
 * Where each thread beside the text goes: level with its passage (general comments and those whose
 * words are gone are listed above the draft instead), in document order.
 */
export function useThreadPositions(
  editor: Editor | null,
  columnRef: RefObject<HTMLDivElement | null>,
  visible: readonly Comment[],
  placements: ReadonlyMap<string, Range>,
): { comment: Comment; top: number; from: number }[] {
  const [layoutTick, setLayoutTick] = useState(0)
  // Threads follow their passages: re-placed with the placements (above), and when the window or the
  // layout of blocks coming into view changes.
  useEffect(() => {
  if (!editor) return
  let frame = 0
  const bump = () => {
    cancelAnimationFrame(frame)
    frame = requestAnimationFrame(() => setLayoutTick((t) => t + 1))
  }
  window.addEventListener('resize', bump)
  // A block coming into view is drawn for the first time: its threads can now be placed exactly.
  const stopWatchingBlocks = onSkippedBlocksChange(editor.view, bump)
  return () => {
    stopWatchingBlocks()
    cancelAnimationFrame(frame)
    window.removeEventListener('resize', bump)
  }
  }, [editor])

  return useMemo(() => positionsBeside(editor, columnRef.current, visible, placements, layoutTick), [editor, columnRef, visible, placements, layoutTick])
}

/** Where each thread goes, measured in the page as it is laid out now (`_layout`: which layout that is). */
function positionsBeside(
  editor: Editor | null,
  column: HTMLDivElement | null,
  visible: readonly Comment[],
  placements: ReadonlyMap<string, Range>,
  _layout: number,
): { comment: Comment; top: number; from: number }[] {
  if (!editor || !column) return []
  const top = column.getBoundingClientRect().top
  const max = editor.state.doc.content.size
  return visible
    .filter((c) => c.scope !== 'draft' && placements.has(c.id) && !c.needsAnchoring)
    .map((c) => {
      const range = placements.get(c.id)!
      let y = 0
      try {
        y = passageTop(editor.view, Math.min(range.from + (c.scope === 'recommendation' ? 1 : 0), max)) - top
      } catch {
        y = 0
      }
      return { comment: c, top: y, from: range.from }
    })
    .sort((a, b) => a.from - b.from || a.comment.id.localeCompare(b.comment.id))
}
