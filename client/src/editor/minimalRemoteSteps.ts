import type { Fragment, Node as PMNode, Slice } from '@tiptap/pm/model'
import type { Transaction } from '@tiptap/pm/state'
import { Transform } from '@tiptap/pm/transform'
import { ProsemirrorBinding, ySyncPluginKey } from '@tiptap/y-tiptap'

/** The parts of y-tiptap's binding this module reaches into (not in its public types). */
interface BindingInternals {
  mapping: Map<unknown, unknown>
  prosemirrorView: { state: { doc: PMNode; tr: Transaction } } | null
  _typeChanged: (events: unknown[], transaction: unknown) => void
}

/** Replaces doc's [from, endA] by target's [from, endB]; null unless that gives exactly `target`. */
function tryReplace(doc: PMNode, target: PMNode, from: number, endA: number, endB: number): Transform | null {
  try {
    const t = new Transform(doc).replace(from, endA, target.slice(from, endB))
    return t.doc.eq(target) ? t : null
  } catch {
    return null
  }
}

/** The range of top-level nodes that differ: [from, endA] in `doc`, [from, endB] in `target`. */
function changedTopLevelRange(doc: PMNode, target: PMNode): { from: number; endA: number; endB: number } {
  const a = doc.content
  const b = target.content
  let head = 0
  let from = 0
  while (head < a.childCount && head < b.childCount && a.child(head).eq(b.child(head))) from += a.child(head++).nodeSize
  let endA = a.size
  let endB = b.size
  for (let i = a.childCount - 1, j = b.childCount - 1; i >= head && j >= head && a.child(i).eq(b.child(j)); i--, j--) {
    endA -= a.child(i).nodeSize
    endB -= b.child(j).nodeSize
  }
  return { from, endA, endB }
}

/**
 * The smallest steps that turn `doc` into a document with `content`: unchanged nodes before and after
 * the edit stay where they are, so positions map through them as through a local edit. First the
 * exact changed characters; where that range does not cut cleanly (a block moved next to a similar
 * one), the changed top-level blocks. Null if neither gives exactly that document.
 */
export function minimalReplacement(doc: PMNode, content: Fragment): Transform | null {
  const old = doc.content
  const start = old.findDiffStart(content)
  if (start === null) return new Transform(doc)
  let { a: endA, b: endB } = old.findDiffEnd(content)!
  // A repeated character lets the two scans overlap ("aa" → "aaa"): widen both ends alike.
  const overlap = start - Math.min(endA, endB)
  if (overlap > 0) {
    endA += overlap
    endB += overlap
  }
  const target = doc.type.create(doc.attrs, content, doc.marks)
  const exact = tryReplace(doc, target, start, endA, endB)
  if (exact) return exact
  const blocks = changedTopLevelRange(doc, target)
  return tryReplace(doc, target, blocks.from, blocks.endA, blocks.endB)
}

/** The `@tiptap/y-tiptap` release whose private members the patch below was written against. */
export const PATCHED_Y_TIPTAP_VERSION = '3.0.9'

/** What the patch needs of the binding's prototype and does not find there (empty: it can be installed). */
export function patchTargetProblems(): string[] {
  const proto = ProsemirrorBinding.prototype as unknown as BindingInternals
  const problems: string[] = []
  if (typeof proto._typeChanged !== 'function') problems.push('ProsemirrorBinding.prototype._typeChanged is not a function')
  if (!Object.getOwnPropertyDescriptor(proto, '_tr')?.get) problems.push('ProsemirrorBinding.prototype has no _tr getter')
  return problems
}

let installed = false

/**
 * Makes the collaboration binding apply a remote Yjs change to ProseMirror as the small edit it is.
 * As shipped, `@tiptap/y-tiptap` 3.0.9 drops its whole Yjs→ProseMirror node cache and replaces the
 * entire document on every remote transaction: on a 200-page draft that rebuilt ~20,000 nodes per
 * remote keystroke, and every position (comment highlights, for one) mapped to the document's end
 * (y-prosemirror issue 113). Here, outside snapshot rendering, the cache is kept (the binding already
 * evicts the entries of every changed, deleted or parent type, so the rest are current; the browser
 * test "moves, undo and typing from two windows" checks every window against the server's text), and
 * every whole-document replacement the binding makes is reduced to the range that differs (checked
 * with `eq`, so also safe for its snapshot and forced re-renders). Reaches into the binding's private
 * members: if an upgrade renames them, this leaves the binding as shipped and says so (and a unit test fails
 * on any upgrade of the package until the patch is re-checked). Idempotent.
 */
export function installMinimalRemoteSteps(): void {
  if (installed) return
  installed = true
  const problems = patchTargetProblems()
  if (problems.length > 0) {
    console.warn(`@tiptap/y-tiptap has changed (${problems.join('; ')}): remote edits are applied as the binding ships them (slower on long drafts).`)
    return
  }
  const proto = ProsemirrorBinding.prototype as unknown as BindingInternals
  const typeChanged = proto._typeChanged
  proto._typeChanged = function (this: BindingInternals, events, transaction) {
    const view = this.prosemirrorView
    const sync = view ? (ySyncPluginKey.getState(view.state as never) as { snapshot: unknown; prevSnapshot: unknown } | undefined) : undefined
    if (!sync || sync.snapshot != null || sync.prevSnapshot != null) return typeChanged.call(this, events, transaction)
    const mapping = this.mapping as Map<unknown, unknown> & { clear: () => void }
    if (!(mapping instanceof Map)) return typeChanged.call(this, events, transaction)
    mapping.clear = () => undefined
    try {
      typeChanged.call(this, events, transaction)
    } finally {
      delete (mapping as Partial<typeof mapping>).clear
    }
  }
  Object.defineProperty(proto, '_tr', {
    configurable: true,
    get(this: BindingInternals) {
      const tr = this.prosemirrorView!.state.tr.setMeta('addToHistory', false)
      const replace = tr.replace.bind(tr)
      tr.replace = (from: number, to?: number, slice?: Slice) => {
        const whole = from === 0 && to === tr.doc.content.size && slice && slice.openStart === 0 && slice.openEnd === 0
        const minimal = whole ? minimalReplacement(tr.doc, slice.content) : null
        if (!minimal) return replace(from, to, slice)
        for (const step of minimal.steps) tr.step(step)
        return tr
      }
      return tr
    },
  })
}
