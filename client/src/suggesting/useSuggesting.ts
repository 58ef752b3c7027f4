import { useCallback, useEffect, useState } from 'react'
import type { Editor } from '@tiptap/react'
import type { TextblockSpan } from '../../../shared/suggestions/pendingSuggestion'
import { suggestionAsProposal } from '../../../shared/suggestions/pendingSuggestion'
import type { DocumentSession } from '../editor/DocumentSession'
import { useSessionState } from '../editor/useDocumentSession'
import { anchorSelection } from '../comments/selection'
import { loadPending, savePending } from './pendingStorage'
import { type SuggestingState, setPending, setSuggesting, suggestingState } from './suggestingMode'

/** A pending suggestion ready to post: the words it is on (anchored) and the wording proposed. */
export interface SuggestionToPost {
  index: number
  quote: string
  proposedChange: string
  range: ReturnType<typeof anchorSelection>
}

/** The textblock around a position, as the suggestion arithmetic reads it. */
function textblockAround(editor: Editor, pos: number): TextblockSpan | null {
  const $pos = editor.state.doc.resolve(pos)
  if (!$pos.parent.isTextblock) return null
  return { start: $pos.start(), end: $pos.end(), text: $pos.parent.textBetween(0, $pos.parent.content.size, '\n', '\n') }
}

/**
 * Suggesting mode for the page: mirrors the editor's suggesting state for React, keeps pending
 * suggestions in this browser across reloads, and turns one into the comment it becomes.
 */
export function useSuggesting(editor: Editor | null, session: DocumentSession | null, documentId: string, participantId: string) {
  const [state, setState] = useState<SuggestingState>({ on: false, pending: [], active: null })
  const synced = useSessionState(session, (s) => s.synced, false)

  // Once the draft is here, the suggestions kept from an earlier visit come back where their words are.
  useEffect(() => {
    if (!editor || !session || !synced) return
    const restored = loadPending(documentId, participantId, session.fragment)
    if (restored.length > 0) setPending(editor.view, restored)
  }, [editor, session, synced, documentId, participantId])

  const onChange = useCallback(
    (next: SuggestingState) => {
      setState(next)
      if (session) savePending(documentId, participantId, session.fragment, next.pending)
    },
    [session, documentId, participantId],
  )

  const toggle = useCallback((on: boolean) => editor && setSuggesting(editor.view, on), [editor])

  const discard = useCallback(
    (index: number) => {
      if (!editor) return
      const pending = suggestingState(editor.state).pending.filter((_, i) => i !== index)
      setPending(editor.view, pending)
    },
    [editor],
  )

  const toPost = useCallback(
    (index: number): SuggestionToPost | null => {
      const pending = editor ? suggestingState(editor.state).pending[index] : undefined
      if (!editor || !session || !pending) return null
      const block = textblockAround(editor, pending.from)
      const proposal = block && suggestionAsProposal(pending, block)
      if (!proposal) return null
      const range = anchorSelection(editor, session.fragment, proposal)
      return { index, quote: proposal.quote, proposedChange: proposal.proposedChange, range }
    },
    [editor, session],
  )

  return { state, onChange, toggle, discard, toPost }
}
