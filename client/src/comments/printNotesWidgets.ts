import { useEffect } from 'react'
import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import type { Editor } from '@tiptap/react'
import { formatLocation } from '../../../shared/commentTable'
import type { Range } from '../../../shared/draft/anchors'
import type { Comment } from '../../../shared/types'
import { TYPE_LABEL } from '../ui/labels'
import { type NoteGroup, type PrintNote, printNoteGroups } from './printNotes'

const printNotesKey = new PluginKey<DecorationSet>('printNotes')

function element(tag: string, className: string, text?: string): HTMLElement {
  const el = document.createElement(tag)
  el.className = className
  if (text !== undefined) el.textContent = text
  return el
}

const location = (c: Comment) => formatLocation(c.place, c.anchorState === 'orphaned')

function groupTitle(group: NoteGroup): string {
  if (group.recommendation !== null) return `Comments on Recommendation ${group.recommendation}`
  if (!group.atEnd) return 'Comments'
  return group.notes.every((n) => n.comment.scope === 'draft') ? 'General comments' : 'General comments and comments on removed text'
}

/** One note: id, Member State, type and place, then the quoted words, the comment and the proposed change. */
function noteElement({ number, comment: c }: PrintNote): HTMLElement {
  const li = element('li', 'print-note')
  li.setAttribute('value', String(number))
  // Not data-comment-id: that marks the highlights, which clicks and tests look for in the editor.
  li.dataset.noteFor = c.id
  const head = element('p', 'print-note-head')
  // A general comment's place is "General": under the heading "General comments" it says nothing.
  const place = c.scope === 'draft' ? '' : ` · ${location(c)}`
  head.append(element('strong', 'print-note-id', c.id), ` · ${c.author.org} · ${TYPE_LABEL[c.type]}${place}`)
  li.append(head)
  if (c.scope === 'text' && c.quote) li.append(element('blockquote', 'print-note-quote', c.quote))
  li.append(element('p', 'print-note-body', c.body))
  if (c.proposedChange) {
    const proposal = element('p', 'print-note-proposal')
    proposal.append(element('span', 'print-note-label', 'Proposed change: '), c.proposedChange)
    li.append(proposal)
  }
  return li
}

function groupElement(group: NoteGroup): HTMLElement {
  const aside = element('aside', 'print-notes')
  aside.dataset.test = 'print-notes'
  aside.contentEditable = 'false'
  const list = element('ol', 'print-notes-list')
  list.append(...group.notes.map(noteElement))
  aside.append(element('p', 'print-notes-title', groupTitle(group)), list)
  return aside
}

/** Everything a group shows: an unchanged group keeps its element when the notes are drawn again. */
const groupKey = (group: NoteGroup) =>
  JSON.stringify([group.recommendation, group.atEnd, group.notes.map((n) => [n.number, n.comment.id, n.comment.rev, location(n.comment)])])

const widgets = (doc: Parameters<typeof DecorationSet.create>[0], groups: readonly NoteGroup[]) =>
  DecorationSet.create(
    doc,
    groups.map((g) => Decoration.widget(g.at, () => groupElement(g), { side: 1, key: groupKey(g), ignoreSelection: true })),
  )

/**
 * The open comments as numbered notes inside the draft, after the block they are on (`printNoteGroups`).
 * They are part of the editor's own DOM so that they print in the flow of the text; print.css hides them
 * on screen, where the threads beside the text say the same. The page sets them (`usePrintNotes`); edits
 * in between map them along.
 */
export const PrintNotes = Extension.create({
  name: 'printNotes',
  addProseMirrorPlugins: () => [
    new Plugin<DecorationSet>({
      key: printNotesKey,
      state: {
        init: () => DecorationSet.empty,
        apply(tr, set) {
          const groups = tr.getMeta(printNotesKey) as NoteGroup[] | undefined
          return groups ? widgets(tr.doc, groups) : set.map(tr.mapping, tr.doc)
        },
      },
      props: { decorations: (state) => printNotesKey.getState(state) },
    }),
  ],
})

/** Keeps the printed notes in step with the page's comments and where their words are now. */
export function usePrintNotes(editor: Editor | null, comments: readonly Comment[], placements: ReadonlyMap<string, Range>): void {
  useEffect(() => {
    if (!editor || editor.isDestroyed) return
    const groups = printNoteGroups(editor.state.doc, comments, placements)
    editor.view.dispatch(editor.state.tr.setMeta(printNotesKey, groups).setMeta('addToHistory', false))
  }, [editor, comments, placements])
}
