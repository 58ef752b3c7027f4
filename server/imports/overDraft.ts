import { setImmediate as nextTurn } from 'node:timers/promises'
import { DraftView } from '../comments/placement'
import type { LiveDrafts } from '../drafts/LiveDrafts'

/** Longest stretch of quote matching before edits and other requests get a turn (ms). */
const SLICE_MS = 20

/**
 * Maps `items` against a view of the draft without holding up the server: matching thousands of quotes
 * takes seconds, so every few milliseconds it lets other work run, and rebuilds the view if the draft
 * was edited meanwhile. Each call of `fn` sees a view consistent with the draft.
 */
export function mapOverDraft<T, R>(
  drafts: LiveDrafts,
  documentId: string,
  items: readonly T[],
  fn: (view: DraftView, item: T, index: number) => R,
): Promise<R[]> {
  return drafts.use(documentId, async (doc) => {
    let view = new DraftView(doc)
    let edited = false
    const onUpdate = () => {
      edited = true
    }
    doc.on('update', onUpdate)
    try {
      const out: R[] = []
      let sliceStart = performance.now()
      for (const [index, item] of items.entries()) {
        if (performance.now() - sliceStart > SLICE_MS) {
          await nextTurn()
          sliceStart = performance.now()
          if (edited) {
            view = new DraftView(doc)
            edited = false
          }
        }
        out.push(fn(view, item, index))
      }
      return out
    } finally {
      doc.off('update', onUpdate)
    }
  })
}
