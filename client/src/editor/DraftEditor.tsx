import { useEffect, useRef } from 'react'
import { EditorContent, useEditor, type Editor } from '@tiptap/react'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import type { Me } from '../../../shared/types'
import { draftExtensions } from '../../../shared/schema/extensions'
import { CommentHighlights } from '../comments/commentHighlights'
import type { HighlightSource } from '../comments/highlightSource'
import { PrintNotes } from '../comments/printNotesWidgets'
import { DRAFT_TEXT_ID } from '../ui/SkipLink'
import { useLocale } from '../i18n/useLocale'
import { BlockDirections } from './blockDirections'
import { renderCaret, showLabelsOnActivity } from './carets'
import type { DocumentSession } from './DocumentSession'
import { HistoryKeys } from './historyKeys'
import { installFastDecorationLookup } from './fastDecorationLookup'
import { installMinimalRemoteSteps } from './minimalRemoteSteps'
import { ReadOnlyDraft, setReadOnly } from './readOnlyDraft'
import { RecommendationCommands } from './recommendationCommands'
import { RecommendationNumbers } from './recommendationNumbers'
import type { DraftHistory } from './useDraftHistory'
import { ProposalMarks } from '../suggesting/proposalMarks'
import { type SuggestingState, SuggestingMode } from '../suggesting/suggestingMode'

// Once for the page, before any editor binds to a draft.
installMinimalRemoteSteps()
installFastDecorationLookup()

interface Props {
  session: DocumentSession
  me: Me
  editable: boolean
  highlights: HighlightSource
  history: DraftHistory | null
  onReady: (editor: Editor | null) => void
  /** Suggesting mode's state changed (on or off, suggestions typed, posted or discarded). */
  onSuggestingChange?: (state: SuggestingState) => void
}

/** The attributes of the draft's text: a multi-line text box named in the reader's language. */
const textAttributes = (label: string) => ({
  class: 'draft-content',
  id: DRAFT_TEXT_ID,
  'data-test': 'editor',
  'aria-label': label,
  role: 'textbox',
  'aria-multiline': 'true',
  tabindex: '0',
})

/** The collaborative TipTap editor bound to the draft's Y.XmlFragment. */
export function DraftEditor({ session, me, editable, highlights, history, onReady, onSuggestingChange }: Props) {
  // The keyboard shortcuts read the latest history through this ref (the editor is created once).
  const historyRef = useRef(history)
  historyRef.current = history
  const suggestingRef = useRef(onSuggestingChange)
  suggestingRef.current = onSuggestingChange
  // The editor is made once per draft; carets drawn later speak the language of that moment.
  const locale = useLocale()
  const localeRef = useRef(locale)
  localeRef.current = locale
  const editor = useEditor(
    {
      extensions: [
        ...draftExtensions(),
        Collaboration.configure({ fragment: session.fragment }),
        CollaborationCaret.configure({
          provider: session.provider,
          user: { name: me.name, org: me.org, color: '#777777' },
          render: (user) => renderCaret(user, localeRef.current),
        }),
        RecommendationCommands,
        RecommendationNumbers,
        BlockDirections,
        HistoryKeys.configure({ history: () => historyRef.current }),
        CommentHighlights.configure({ source: highlights }),
        ProposalMarks.configure({ source: highlights }),
        SuggestingMode.configure({ onChange: (state) => suggestingRef.current?.(state) }),
        PrintNotes,
        ReadOnlyDraft.configure({ readOnly: !editable }),
      ],
      editorProps: { attributes: textAttributes(locale.t('editor.textLabel')) },
    },
    [session],
  )

  // The text's name follows the language without making the editor again.
  const label = locale.t('editor.textLabel')
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.setOptions({ editorProps: { ...editor.options.editorProps, attributes: textAttributes(label) } })
  }, [editor, label])

  useEffect(() => {
    if (editor) setReadOnly(editor.view, !editable)
  }, [editor, editable])

  useEffect(() => (editor ? showLabelsOnActivity(editor.view.dom, session.provider.awareness) : undefined), [editor, session])

  useEffect(() => {
    onReady(editor)
    return () => onReady(null)
  }, [editor, onReady])

  return <EditorContent editor={editor} className="draft-editor" />
}
