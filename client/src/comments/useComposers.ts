import type { Editor } from '@tiptap/react'
import { currentRecommendationNumber, recommendationIndexes } from '../editor/recommendationCommands'
import type { DocumentSession } from '../editor/DocumentSession'
import { commentApi } from './commentApi'
import type { ComposerTarget } from './CommentComposer'
import { anchorSelection, selectedRange } from './selection'

/**
 * Opens the composer for a new comment: on the selected words; on words typed in (no selection, or no
 * pointer to select with), looked for first in the recommendation the caret is in; or general, on the
 * whole draft or a recommendation the delegate chooses.
 */
export function useComposers(
  editor: Editor | null,
  session: DocumentSession | null,
  documentId: string,
  canComment: boolean,
  open: (target: ComposerTarget) => void,
) {
  const openAskingWhere = (kind: 'wording' | 'general') =>
    open({
      kind,
      recommendations: editor ? recommendationIndexes(editor.state).length : 0,
      // Words are looked for where the caret is; a general comment is on the whole draft unless the
      // delegate chooses a recommendation.
      initialRecommendation: kind === 'wording' ? ((editor && currentRecommendationNumber(editor.state)) ?? undefined) : undefined,
      submit: (input) => commentApi.create(documentId, input),
    })
  const openComposer = () => {
    if (!editor || !session || !canComment) return
    const range = selectedRange(editor)
    if (!range) return openAskingWhere('wording')
    const anchored = anchorSelection(editor, session.fragment, range)
    open({ kind: 'selection', quote: anchored.quote, submit: (input) => commentApi.create(documentId, { ...input, range: anchored }) })
  }
  return { openComposer, openWordingComposer: () => openAskingWhere('wording'), openGeneralComposer: () => openAskingWhere('general') }
}
