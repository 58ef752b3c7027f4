import type { Editor } from '@tiptap/react'
import { useLocale } from '../i18n/useLocale'
import type { SuggestingState } from './suggestingMode'

/** The draft's words a suggestion strikes, as the bar quotes them. */
const struck = (editor: Editor, from: number, to: number) => editor.state.doc.textBetween(from, to, ' ', ' ')

/**
 * The suggestions typed but not posted yet, under the toolbar: each as "struck → typed" with Post (opens
 * the composer prefilled) and Discard; and while suggesting, a line saying what typing does now.
 */
export function SuggestionBar({
  editor,
  state,
  onPost,
  onDiscard,
}: {
  editor: Editor
  state: SuggestingState
  onPost: (index: number) => void
  onDiscard: (index: number) => void
}) {
  const { t } = useLocale()
  if (!state.on && state.pending.length === 0) return null
  return (
    <section className="suggestion-bar card" aria-label={t('suggesting.label')} data-test="suggestion-bar">
      {state.on && (
        <p className="muted" role="status">
          {t('suggesting.on')}
        </p>
      )}
      {state.pending.length > 0 && (
        <ol className="suggestion-list">
          {state.pending.map((s, i) => (
            <li key={`${s.from}-${s.to}-${i}`} className={i === state.active ? 'active' : undefined} data-test="pending-suggestion">
              <span className="suggestion-words">
                {s.from < s.to && <del dir="auto">{struck(editor, s.from, s.to)}</del>}
                {s.from < s.to && s.inserted && ` ${t('suggesting.arrow')} `}
                {s.inserted && <ins dir="auto">{s.inserted}</ins>}
              </span>
              <span className="thread-actions">
                <button type="button" className="primary" onClick={() => onPost(i)} data-test="post-suggestion">
                  {t('composer.postSuggestion')}
                </button>
                <button type="button" onClick={() => onDiscard(i)} data-test="discard-suggestion">
                  {t('thread.discard')}
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
