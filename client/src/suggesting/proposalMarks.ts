import { Extension } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view'
import { groupAlternatives } from '../../../shared/suggestions/proposalGroups'
import type { Locale } from '../i18n/useLocale'
import type { Comment } from '../../../shared/types'
import { commentHighlightsKey } from '../comments/commentHighlights'
import type { HighlightSource } from '../comments/highlightSource'

const key = new PluginKey<{ visible: boolean; set: DecorationSet }>('proposalMarks')

/** A hue per Member State, the same on every screen: its proposals are told apart by colour and by their label. */
export function orgHue(org: string): number {
  let h = 0
  for (let i = 0; i < org.length; i++) h = (h * 31 + org.charCodeAt(i)) >>> 0
  return h % 360
}

type Words = Pick<Locale, 't' | 'orgTitle'>

const labelOf = ({ orgTitle }: Words, c: Comment) => `${c.id} · ${orgTitle(c.author.org)}`

interface Placed {
  comment: Comment
  from: number
  to: number
}

/** The proposed words of a group: one <ins> per proposal, alternatives side by side with their ids. */
function insertions(words: Words, group: readonly Placed[]): HTMLElement {
  const { t } = words
  const wrap = document.createElement('span')
  wrap.className = group.length > 1 ? 'proposal-inserts alternatives' : 'proposal-inserts'
  // A group, named, so the alternatives are told apart from the text around them without their colours.
  wrap.setAttribute('role', 'group')
  wrap.setAttribute('aria-label', group.length > 1 ? t('proposalMarks.alternatives', { count: group.length }) : t('proposalMarks.proposal', { id: group[0]!.comment.id }))
  group.forEach(({ comment }, i) => {
    if (i > 0) wrap.append(document.createTextNode(' / '))
    const ins = document.createElement('ins')
    ins.className = 'proposal-ins'
    ins.dataset.proposalId = comment.id
    ins.style.setProperty('--org-hue', String(orgHue(comment.author.org)))
    ins.title = t('proposalMarks.proposes', { label: labelOf(words, comment) })
    ins.dir = 'auto'
    ins.textContent = comment.proposedChange || t('proposals.delete')
    wrap.append(ins)
  })
  return wrap
}

function build(source: HighlightSource, doc: PMNode): DecorationSet {
  const words = source.words()
  const placements = source.placements()
  const max = doc.content.size
  const placed: Placed[] = []
  for (const comment of source.comments()) {
    if (comment.status !== 'open' || comment.scope !== 'text' || comment.proposedChange === undefined || comment.applied) continue
    const range = placements.get(comment.id)
    if (range && range.to <= max) placed.push({ comment, ...range })
  }
  const decorations: Decoration[] = []
  for (const group of groupAlternatives(placed)) {
    for (const { comment, from, to } of group) {
      decorations.push(
        Decoration.inline(from, to, {
          nodeName: 'del',
          class: 'proposal-del',
          'data-proposal-id': comment.id,
          style: `--org-hue: ${orgHue(comment.author.org)}`,
          title: words.t('proposalMarks.replaces', { label: labelOf(words, comment) }),
        }),
      )
    }
    const end = Math.max(...group.map((p) => p.to))
    const ids = group.map((p) => `${p.comment.id}:${p.comment.rev}`).join(',')
    decorations.push(Decoration.widget(end, () => insertions(words, group), { side: 1, key: `proposal:${ids}:${words.t('proposals.delete')}`, ignoreSelection: true }))
  }
  return DecorationSet.create(doc, decorations)
}

/**
 * Every open proposed change drawn in the text as a tracked change: the words it replaces struck
 * through (<del>), the proposed words right after them (<ins>), coloured by Member State and labelled
 * with the comment id; proposals on overlapping words are shown together as alternatives. Rebuilt when
 * the comment highlights are (new comments, placements); mapped through edits in between.
 */
export const ProposalMarks = Extension.create<{ source: HighlightSource | null }>({
  name: 'proposalMarks',
  addOptions: () => ({ source: null }),
  addProseMirrorPlugins() {
    const source = this.options.source
    if (!source) return []
    return [
      new Plugin({
        key,
        state: {
          init: (_config, state) => ({ visible: true, set: build(source, state.doc) }),
          apply(tr, value, _old, state) {
            const visible = (tr.getMeta(key) as boolean | undefined) ?? value.visible
            if (tr.getMeta(commentHighlightsKey) || visible !== value.visible) return { visible, set: build(source, state.doc) }
            return tr.docChanged ? { visible, set: value.set.map(tr.mapping, tr.doc) } : value
          },
        },
        props: {
          decorations: (state) => {
            const value = key.getState(state)
            return value?.visible ? value.set : DecorationSet.empty
          },
        },
      }),
    ]
  },
})

/** Shows or hides the proposals in the text. */
export function setProposalsVisible(view: EditorView, visible: boolean): void {
  view.dispatch(view.state.tr.setMeta(key, visible).setMeta('addToHistory', false))
}
