import { useCallback, useEffect, useRef } from 'react'
import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import type { Editor } from '@tiptap/react'
import type { Range } from '../../../shared/draft/anchors'
import type { Comment } from '../../../shared/types'
import type { Locale } from '../i18n/useLocale'
import { type NoteGroup, type PrintNote, printNoteGroups } from './printNotes'

const printNotesKey = new PluginKey<DecorationSet>('printNotes')

function element(tag: string, className: string, text?: string): HTMLElement {
  const el = document.createElement(tag)
  el.className = className
  if (text !== undefined) el.textContent = text
  return el
}

/** The words the notes are printed with, in the reader's language. */
type Words = Pick<Locale, 't' | 'place' | 'language'>

/** A comment's place, marked when its words were deleted ("Recommendation 3 › Action 2 (text removed)"). */
const location = ({ t, place }: Words, c: Comment) => (c.anchorState === 'orphaned' ? `${place(c.place)} ${t('place.textRemoved')}` : place(c.place))

function groupTitle({ t }: Words, group: NoteGroup): string {
  if (group.recommendation !== null) return t('print.onRecommendation', { number: group.recommendation })
  if (!group.atEnd) return t('print.comments')
  return group.notes.every((n) => n.comment.scope === 'draft') ? t('print.general') : t('print.generalAndRemoved')
}

/** One note: id, Member State, type and place, then the quoted words, the comment and the proposed change. */
function noteElement(words: Words, { number, comment: c }: PrintNote): HTMLElement {
  const { t } = words
  const li = element('li', 'print-note')
  li.setAttribute('value', String(number))
  // Not data-comment-id: that marks the highlights, which clicks and tests look for in the editor.
  li.dataset.noteFor = c.id
  const head = element('p', 'print-note-head')
  // A general comment's place is "General": under the heading "General comments" it says nothing.
  const place = c.scope === 'draft' ? '' : ` · ${location(words, c)}`
  head.append(element('strong', 'print-note-id', c.id), ` · ${c.author.org} · ${t(`commentType.${c.type}`)}${place}`)
  li.append(head)
  if (c.scope === 'text' && c.quote) li.append(autoDirection(element('blockquote', 'print-note-quote', c.quote)))
  li.append(autoDirection(element('p', 'print-note-body', c.body)))
  if (c.proposedChange) {
    const proposal = autoDirection(element('p', 'print-note-proposal'))
    proposal.append(element('span', 'print-note-label', t('print.proposedChange')), c.proposedChange)
    li.append(proposal)
  }
  return li
}

/** Text a delegate typed takes its own direction (an Arabic comment on an English draft). */
function autoDirection(el: HTMLElement): HTMLElement {
  el.dir = 'auto'
  return el
}

function groupElement(words: Words, group: NoteGroup): HTMLElement {
  const aside = element('aside', 'print-notes')
  aside.dataset.test = 'print-notes'
  aside.contentEditable = 'false'
  const list = element('ol', 'print-notes-list')
  list.append(...group.notes.map((note) => noteElement(words, note)))
  aside.append(element('p', 'print-notes-title', groupTitle(words, group)), list)
  return aside
}

/** Everything a group shows: an unchanged group keeps its element when the notes are drawn again. */
const groupKey = (words: Words, group: NoteGroup) =>
  JSON.stringify([words.language, group.recommendation, group.atEnd, group.notes.map((n) => [n.number, n.comment.id, n.comment.rev, location(words, n.comment)])])

/** What the page hands the plugin: the groups, and the words to print them with. */
interface PrintNotesMeta {
  groups: NoteGroup[]
  words: Words
}

const widgets = (doc: Parameters<typeof DecorationSet.create>[0], { groups, words }: PrintNotesMeta) =>
  DecorationSet.create(
    doc,
    groups.map((g) => Decoration.widget(g.at, () => groupElement(words, g), { side: 1, key: groupKey(words, g), ignoreSelection: true })),
  )

/**
 * The open comments as numbered notes inside the draft, after the block they are on (`printNoteGroups`).
 * They are part of the editor's own DOM so that they print in the flow of the text; print.css hides them
 * on screen, where the threads beside the text say the same. The page sets them when printing starts
 * (`usePrintNotes`); edits in between map them along.
 */
export const PrintNotes = Extension.create({
  name: 'printNotes',
  addProseMirrorPlugins: () => [
    new Plugin<DecorationSet>({
      key: printNotesKey,
      state: {
        init: () => DecorationSet.empty,
        apply(tr, set) {
          const meta = tr.getMeta(printNotesKey) as PrintNotesMeta | undefined
          return meta ? widgets(tr.doc, meta) : set.map(tr.mapping, tr.doc)
        },
      },
      props: { decorations: (state) => printNotesKey.getState(state) },
    }),
  ],
})

/**
 * Draws the printed notes while the page is printed (or shown as printed), and only then: building a note
 * for every open comment cost 1.6 s of the 5.7 s it took to open a 200-page draft with 2,000 comments, for
 * elements nobody sees on screen. `beforeprint` runs before the browser lays the page out for printing
 * (Ctrl+P, the Print button, a PDF), and a dispatch changes the editor's DOM at once. While printing, the
 * notes follow the comments and where their words are, as before.
 */
export function usePrintNotes(editor: Editor | null, comments: readonly Comment[], placements: ReadonlyMap<string, Range>, words: Words): void {
  const printing = useRef(false)
  const latest = useRef({ comments, placements, words })
  latest.current = { comments, placements, words }
  const draw = useCallback(() => {
    if (!editor || editor.isDestroyed) return
    const { comments, placements, words } = latest.current
    const groups = printing.current ? printNoteGroups(editor.state.doc, comments, placements) : []
    const meta: PrintNotesMeta = { groups, words }
    editor.view.dispatch(editor.state.tr.setMeta(printNotesKey, meta).setMeta('addToHistory', false))
  }, [editor])
  useEffect(() => {
    const media = window.matchMedia('print')
    const follow = (on: boolean) => {
      if (printing.current === on) return
      printing.current = on
      draw()
    }
    const beforePrint = () => follow(true)
    const afterPrint = () => follow(media.matches)
    window.addEventListener('beforeprint', beforePrint)
    window.addEventListener('afterprint', afterPrint)
    media.addEventListener('change', afterPrint)
    follow(media.matches)
    return () => {
      window.removeEventListener('beforeprint', beforePrint)
      window.removeEventListener('afterprint', afterPrint)
      media.removeEventListener('change', afterPrint)
    }
  }, [draw])
  useEffect(() => {
    if (printing.current) draw()
  }, [draw, comments, placements, words])
}
