import type { Editor } from '@tiptap/react'
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
  if (!state.on && state.pending.length === 0) return null
  return (
    <section className="suggestion-bar card" aria-label="Suggestions" data-test="suggestion-bar">
      {state.on && (
        <p className="muted" role="status">
          Suggesting: what you type, delete or paste in the text is drawn as a proposed change. The draft itself does not change until a chair accepts it.
        </p>
      )}
      {state.pending.length > 0 && (
        <ol className="suggestion-list">
          {state.pending.map((s, i) => (
            <li key={`${s.from}-${s.to}-${i}`} className={i === state.active ? 'active' : undefined} data-test="pending-suggestion">
              <span className="suggestion-words">
                {s.from < s.to && <del>{struck(editor, s.from, s.to)}</del>}
                {s.from < s.to && s.inserted && ' → '}
                {s.inserted && <ins>{s.inserted}</ins>}
              </span>
              <span className="thread-actions">
                <button type="button" className="primary" onClick={() => onPost(i)} data-test="post-suggestion">
                  Post suggestion
                </button>
                <button type="button" onClick={() => onDiscard(i)} data-test="discard-suggestion">
                  Discard
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
