import { Extension } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state'
import { ReplaceStep } from '@tiptap/pm/transform'
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { describePlacement } from '../../../shared/draft/anchors'
import { repairsForStartEdge } from '../../../shared/draft/anchorRepairs'
import { buildPositionIndex } from '../../../shared/draft/positionIndex'
import { CutAndPaste } from './cutAndPaste'
import type { HighlightSource } from './highlightSource'


export const commentHighlightsKey = new PluginKey<DecorationSet>('commentHighlights')

/** Edits map highlights through them at once; a full recompute follows when editing pauses this long (ms)… */
const RECOMPUTE_AFTER_PAUSE_MS = 250
/** …or, while edits keep coming (a busy draft), this long after the first edit not yet recomputed (ms). */
const RECOMPUTE_AT_LEAST_EVERY_MS = 2000

/** A step that replaced the whole document: positions cannot be mapped through it. */
function replacesEverything(tr: Transaction, before: PMNode): boolean {
  return tr.steps.some((step) => step instanceof ReplaceStep && step.from === 0 && step.to === before.content.size && before.content.size > 0)
}

function buildDecorations(source: HighlightSource, pmDoc: PMNode): DecorationSet {
  const doc = source.fragment.doc
  if (!doc) return DecorationSet.empty
  const index = buildPositionIndex(source.fragment)
  const max = pmDoc.content.size
  const active = source.activeId()
  const showResolved = source.showResolved()
  const decorations: Decoration[] = []
  for (const c of source.comments()) {
    if (c.status === 'withdrawn' || c.scope === 'draft') continue
    if (c.status === 'resolved' && !showResolved) continue
    const { range } = describePlacement(index, doc, c)
    if (!range || range.to > max) continue
    const classes = ['comment-mark', `comment-${c.type}`]
    if (c.status === 'resolved') classes.push('comment-resolved')
    if (c.id === active) classes.push('comment-active')
    if (c.scope === 'recommendation') {
      const node = pmDoc.nodeAt(range.from)
      if (node && range.from + node.nodeSize === range.to) {
        decorations.push(Decoration.node(range.from, range.to, { class: `recommendation-commented${c.id === active ? ' comment-active' : ''}` }))
      }
      continue
    }
    // nodeName: each highlight gets its own element, so nested and overlapping comments keep their own
    // id, state and click target (without it ProseMirror merges overlapping ones into one span).
    decorations.push(
      Decoration.inline(range.from, range.to, { nodeName: 'span', class: classes.join(' '), 'data-comment-id': c.id }, { commentId: c.id }),
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
    const id = el.getAttribute('data-comment-id')
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
 * Yjs anchors, so remote edits, moves and undo all place them where their words are now.
 */
export function commentHighlightsPlugin(source: HighlightSource): Plugin {
  let timer: ReturnType<typeof setTimeout> | null = null
  let pendingSince: number | null = null
  // Comments the person just typed in front of: checked once Yjs has the edit (in the view update).
  let typedBefore: string[] = []
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
        if (remote && replacesEverything(tr, old.doc)) return buildDecorations(source, state.doc)
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
        if (id) source.onActivate(id)
        return false
      },
    },
    view: () => ({
      update(view: EditorView, prevState) {
        if (prevState.doc === view.state.doc) return
        if (typedBefore.length > 0) repairStartEdges(view, source, typedBefore.splice(0))
        const pasted = cutAndPaste.afterUpdate(view)
        if (pasted.length > 0) source.onRepairs(pasted)
        if (timer) clearTimeout(timer)
        const now = Date.now()
        pendingSince ??= now
        const wait = Math.min(RECOMPUTE_AFTER_PAUSE_MS, Math.max(0, pendingSince + RECOMPUTE_AT_LEAST_EVERY_MS - now))
        timer = setTimeout(() => {
          pendingSince = null
          refreshHighlights(view)
        }, wait)
      },
      destroy() {
        if (timer) clearTimeout(timer)
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
