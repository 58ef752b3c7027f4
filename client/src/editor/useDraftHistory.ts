import { useCallback, useEffect, useMemo } from 'react'
import type { Editor } from '@tiptap/react'
import * as Y from 'yjs'
import { yUndoPluginKey } from '@tiptap/y-tiptap'
import { repairsAfterUndo } from '../../../shared/draft/anchorRepairs'
import { MoveAwareUndo } from '../../../shared/draft/moveAwareUndo'
import { caretFollowsMoves } from './caretFollowsMoves'
import type { DocumentSession } from './DocumentSession'
import { currentRecommendationIndex, recommendationIndexes } from './recommendationCommands'

/** Origin of move transactions: not tracked by the Yjs undo manager (moves are undone by moving back). */
const MOVE_ORIGIN = 'accord-move'

export interface DraftHistory {
  undo(): void
  redo(): void
  canUndo(): boolean
  canRedo(): boolean
  /** Moves the recommendation holding the cursor up (-1) or down (1), keeping comments on its words. */
  moveRecommendation(direction: -1 | 1): void
}

/**
 * Undo, redo and moves of recommendations for this tab, in one history. Every step that puts commented
 * words into new Yjs items sends the anchor repairs before the edit itself leaves the tab.
 */
export function useDraftHistory(editor: Editor | null, session: DocumentSession | null): DraftHistory | null {
  const history = useMemo(() => {
    if (!editor || !session) return null
    const undoManager = (yUndoPluginKey.getState(editor.state) as { undoManager?: Y.UndoManager } | undefined)?.undoManager
    return undoManager ? new MoveAwareUndo(undoManager, session.fragment, MOVE_ORIGIN) : null
  }, [editor, session])
  // Subscribed in an effect, not in the memo above, so that it is undone with the component.
  useEffect(() => (history && editor ? history.followMoves(caretFollowsMoves(editor)) : undefined), [history, editor])

  // After this tab's text undo or redo, tell everyone where restored words now live.
  useEffect(() => {
    if (!session) return
    const onAfter = (tr: Y.Transaction) => {
      if (tr.origin instanceof Y.UndoManager) session.sendAnchorRepairs(repairsAfterUndo(session.fragment, session.comments.all, tr))
    }
    session.doc.on('afterTransaction', onAfter)
    return () => session.doc.off('afterTransaction', onAfter)
  }, [session])

  const send = useCallback((repairs: Parameters<DocumentSession['sendAnchorRepairs']>[0]) => session?.sendAnchorRepairs(repairs), [session])

  return useMemo(() => {
    if (!history || !editor || !session) return null
    const placeCursorInBlock = (index: number) => {
      let pos = 0
      editor.state.doc.forEach((_node, offset, i) => {
        if (i === index) pos = offset + 2
      })
      editor.chain().focus().setTextSelection(pos).scrollIntoView().run()
    }
    return {
      undo: () => void history.undo(session.comments.all, send),
      redo: () => void history.redo(session.comments.all, send),
      canUndo: () => history.canUndo(),
      canRedo: () => history.canRedo(),
      moveRecommendation: (direction) => {
        const current = currentRecommendationIndex(editor.state)
        const recs = recommendationIndexes(editor.state)
        const target = current === null ? undefined : recs[recs.indexOf(current) + direction]
        if (current === null || target === undefined) return
        history.move(current, target, session.comments.all, send)
        placeCursorInBlock(target)
      },
    }
  }, [history, editor, session, send])
}
