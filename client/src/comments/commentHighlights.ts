import { Extension } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state'
import { ReplaceStep } from '@tiptap/pm/transform'
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { repairsForStartEdge } from '../../../shared/draft/anchorRepairs'
import { CutAndPaste } from './cutAndPaste'
import { placeComments, rangesOf } from './placeComments'
import type { HighlightSource } from './highlightSource'
import type { Translate } from '../../../shared/i18n/translator'
import type { Comment } from '../../../shared/types'

export const commentHighlightsKey = new PluginKey<DecorationSet>('commentHighlights')

/** A step that replaced the whole document: positions cannot be mapped through it. */
function replacesEverything(tr: Transaction, before: PMNode): boolean {
  return tr.steps.some((step) => step instanceof ReplaceStep && step.from === 0 && step.to === before.content.size && before.content.size > 0)
}

/** What a highlight says about its comment: "Comment NO-003, Technical, by Kari Nordmann (NO). Alt+Enter shows it." */
const describe = (t: Translate, c: Comment) =>
  t('highlight.title', { id: c.id, type: t(`commentType.${c.type}`), name: c.author.name, org: c.author.org })

function buildDecorations(source: HighlightSource, pmDoc: PMNode, placements = source.placements()): DecorationSet {
  const { t } = source.words()
  const max = pmDoc.content.size
  const active = source.activeId()
  const showResolved = source.showResolved()
  const decorations: Decoration[] = []
  for (const c of source.comments()) {
    if (c.status === 'withdrawn' || c.scope === 'draft') continue
    if (c.status === 'resolved' && !showResolved) continue
    const range = placements.get(c.id)
    if (!range || range.to > max) continue
    const classes = ['comment-mark', `comment-${c.type}`]
    if (c.status === 'resolved') classes.push('comment-resolved')
    if (c.status === 'draft') classes.push('comment-draft')
    if (c.id === active) classes.push('comment-active')
    if (c.scope === 'recommendation') {
      const node = pmDoc.nodeAt(range.from)
      if (node && range.from + node.nodeSize === range.to) {
        decorations.push(Decoration.node(range.from, range.to, { class: `recommendation-commented${c.id === active ? ' comment-active' : ''}` }))
      }
      continue
    }
    // nodeName: each highlight gets its own element, so nested and overlapping comments keep their own
    // id, state and click target (without it ProseMirror merges overlapping ones into one span). A <mark>,
    // described by its title, so a screen reader says the words are commented and by whom.
    decorations.push(
      Decoration.inline(
        range.from,
        range.to,
        { nodeName: 'mark', class: classes.join(' '), 'data-comment-id': c.id, title: describe(t, c) },
        { commentId: c.id },
      ),
    )
  }
  return DecorationSet.create(pmDoc, decorations)
}

/**
 * The comment a click means: of all highlights under the pointer, the one on the fewest words (with
 * nested comments, the most specific). The DOM nesting of overlapping highlights says nothing about
 * which is inside which, so their ranges decide.
 */
function commentAt(view: EditorView, target: EventTarget | null): string | null {
  const ids = new Set<string>()
  for (let el = target instanceof Element ? target : null; el && el !== view.dom; el = el.parentElement) {
    // A proposal drawn in the text (suggesting/proposalMarks.ts) opens its comment too.
    const id = el.getAttribute('data-comment-id') ?? el.getAttribute('data-proposal-id')
    if (id) ids.add(id)
  }
  if (ids.size <= 1) return ids.values().next().value ?? null
  const found = commentHighlightsKey.getState(view.state)?.find(undefined, undefined, (spec: { commentId?: string }) => ids.has(spec.commentId ?? '')) ?? []
  const smallest = found.reduce<Decoration | null>((best, d) => (!best || d.to - d.from < best.to - best.from ? d : best), null)
  return (smallest?.spec as { commentId?: string } | undefined)?.commentId ?? null
}

/** Comments whose highlight starts exactly where this (typing) transaction inserted text. */
function typedAtStartOf(tr: Transaction, set: DecorationSet): string[] {
  if (tr.steps.length !== 1) return []
  const step = tr.steps[0]
  if (!(step instanceof ReplaceStep) || step.from !== step.to || step.slice.size === 0) return []
  return set
    .find(step.from, step.from, (spec: { commentId?: string }) => spec.commentId !== undefined)
    .filter((d) => d.from === step.from)
    .map((d) => (d.spec as { commentId: string }).commentId)
}

/**
 * Draws comments as decorations (never marks in the document). Positions come from the comments'
 * Yjs anchors as the page placed them once the text settled (`refreshHighlights`), so remote edits,
 * moves and undo all place them where their words are now; edits in between map them along.
 */
export function commentHighlightsPlugin(source: HighlightSource): Plugin {
  // Comments the person just typed in front of: checked once Yjs has the edit (in the view update).
  const typedBefore: string[] = []
  const cutAndPaste = new CutAndPaste(source)
  return new Plugin<DecorationSet>({
    key: commentHighlightsKey,
    state: {
      init: (_config, state) => buildDecorations(source, state.doc),
      apply(tr, set, old, state) {
        if (tr.getMeta(commentHighlightsKey)) return buildDecorations(source, state.doc)
        if (!tr.docChanged) return set
        const remote = (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin
        // Remote edits arrive as small steps (minimalRemoteSteps.ts), so highlights map through them like
        // through local typing, and the full recompute follows; a whole-document replacement maps nothing.
        if (remote && replacesEverything(tr, old.doc)) return buildDecorations(source, state.doc, rangesOf(placeComments(source.fragment, source.comments())))
        if (!remote) typedBefore.push(...typedAtStartOf(tr, set))
        // Decorations do not grow at their edges: the mapped range is what the typist sees.
        return set.map(tr.mapping, tr.doc)
      },
    },
    props: {
      decorations: (state) => commentHighlightsKey.getState(state),
      handleDOMEvents: {
        cut: (view) => {
          cutAndPaste.onCut(view)
          return false
        },
        paste: (view) => {
          cutAndPaste.onPaste(view)
          return false
        },
      },
      handleClick: (view, _pos, event) => {
        const id = commentAt(view, event.target)
        // Chromium and Safari click with a PointerEvent, which says whether a finger made it.
        if (id) source.onActivate(id, 'pointerType' in event && event.pointerType === 'touch')
        return false
      },
    },
    view: () => ({
      update(view: EditorView, prevState) {
        if (prevState.doc === view.state.doc) return
        if (typedBefore.length > 0) repairStartEdges(view, source, typedBefore.splice(0))
        const pasted = cutAndPaste.afterUpdate(view)
        if (pasted.length > 0) source.onRepairs(pasted)
      },
    }),
  })
}

/**
 * Yjs puts text typed in front of a comment after any deleted characters there, so when a comment's
 * first words were deleted, typing just before it would silently join it. Re-anchor its start where
 * the person saw it.
 */
function repairStartEdges(view: EditorView, source: HighlightSource, ids: string[]): void {
  const set = commentHighlightsKey.getState(view.state)
  if (!set) return
  const candidates = source
    .comments()
    .filter((c) => ids.includes(c.id))
    .flatMap((comment) => {
      const d = set.find(undefined, undefined, (spec: { commentId?: string }) => spec.commentId === comment.id)[0]
      return d ? [{ comment, expected: { from: d.from, to: d.to } }] : []
    })
  const repairs = repairsForStartEdge(source.fragment, candidates)
  if (repairs.length > 0) source.onRepairs(repairs)
}

/** Recomputes every highlight (after comments change, or the active one or the filter changes). */
export function refreshHighlights(view: EditorView): void {
  if (view.isDestroyed) return
  view.dispatch(view.state.tr.setMeta(commentHighlightsKey, true).setMeta('addToHistory', false))
}

export const CommentHighlights = Extension.create<{ source: HighlightSource | null }>({
  name: 'commentHighlights',
  addOptions: () => ({ source: null }),
  addProseMirrorPlugins() {
    return this.options.source ? [commentHighlightsPlugin(this.options.source)] : []
  },
})
