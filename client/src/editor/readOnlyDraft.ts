import { Extension } from '@tiptap/core'
import { type EditorState, Plugin, PluginKey } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { ySyncPluginKey } from '@tiptap/y-tiptap'

/** Plugin state: whether the draft is read-only for this person now. */
const key = new PluginKey<boolean>('readOnlyDraft')

/** Keys that only move the caret or the selection: ProseMirror and the browser handle them as usual. */
const NAVIGATION_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'])

const readOnly = (state: EditorState) => key.getState(state) === true

/**
 * A read-only draft that keeps its caret. With ProseMirror's own `editable: false` the text is not
 * contenteditable, and Chromium then has no caret to move and no Shift+Arrow selection, and Space scrolls
 * the page: a delegate using the keyboard could not select the words to comment on. So the text stays
 * contenteditable and this plugin refuses every change made here: transactions that change the document
 * (unless the collaboration binding brings them from Yjs: collaborators' changes), the browser's own input (typing, deleting, pasting,
 * dropping), and every key except caret movement before any editing keymap sees it. Tab, copy and the
 * page's own shortcuts keep their default. A touch keyboard is not offered (`inputmode="none"`).
 */
export const ReadOnlyDraft = Extension.create<{ readOnly: boolean }>({
  name: 'readOnlyDraft',
  // Ahead of every keymap and of the comment plugin's paste handling.
  priority: 10_000,
  addOptions: () => ({ readOnly: false }),
  addProseMirrorPlugins() {
    const refuse = (event: Event) => {
      event.preventDefault()
      return true
    }
    return [
      new Plugin<boolean>({
        key,
        state: {
          init: () => this.options.readOnly,
          apply: (tr, value) => (tr.getMeta(key) as boolean | undefined) ?? value,
        },
        filterTransaction: (tr, state) => !readOnly(state) || !tr.docChanged || tr.getMeta(ySyncPluginKey) !== undefined,
        props: {
          attributes: (state): Record<string, string> =>
            readOnly(state) ? { 'aria-readonly': 'true', inputmode: 'none', spellcheck: 'false' } : { spellcheck: 'true' },
          handleDOMEvents: {
            beforeinput: (view, event) => readOnly(view.state) && refuse(event),
            paste: (view, event) => readOnly(view.state) && refuse(event),
            drop: (view, event) => readOnly(view.state) && refuse(event),
            // True without preventing the default: the browser still moves focus on Tab, copies, and
            // offers typing to `beforeinput` above, which refuses it (so Space does not scroll either).
            keydown: (view, event) => readOnly(view.state) && !NAVIGATION_KEYS.has(event.key),
          },
        },
      }),
    ]
  },
})

/** Makes the draft read-only (or editable again) when the person's role or connection changes. */
export function setReadOnly(view: EditorView, value: boolean): void {
  if (readOnly(view.state) !== value) view.dispatch(view.state.tr.setMeta(key, value).setMeta('addToHistory', false))
}
