import { Editor, type JSONContent, generateHTML } from '@tiptap/core'
import { draftExtensions } from '../../../shared/schema/extensions'

/**
 * The browser baselines of the typing benchmark (bundled for the page by lib/baselinePages.ts): the same
 * draft as a bare contenteditable holding the HTML TipTap would render, and as plain TipTap (the draft's
 * schema on StarterKit: no collaboration, comments, carets or plugins of Accord's). Both sit in the
 * app's layout and CSS, where Accord's editor sits.
 */

const EDITOR_ATTRIBUTES = { class: 'draft-content', 'data-test': 'editor', role: 'textbox', 'aria-multiline': 'true' }

function column(): HTMLElement {
  const layout = document.createElement('div')
  layout.className = 'editor-layout'
  const col = document.createElement('div')
  col.className = 'editor-column'
  layout.append(col)
  document.getElementById('root')!.append(layout)
  return col
}

const bench = window as unknown as { mountBare(json: JSONContent): void; mountTiptap(json: JSONContent): void }

bench.mountBare = (json) => {
  const el = document.createElement('div')
  for (const [k, v] of Object.entries(EDITOR_ATTRIBUTES)) el.setAttribute(k, v)
  // The classes TipTap gives its element, so the same CSS rules apply.
  el.classList.add('tiptap', 'ProseMirror')
  el.contentEditable = 'true'
  el.innerHTML = generateHTML(json, draftExtensions())
  column().append(el)
}

bench.mountTiptap = (json) => {
  new Editor({ element: column(), extensions: draftExtensions(), content: json, editorProps: { attributes: EDITOR_ATTRIBUTES } })
}
