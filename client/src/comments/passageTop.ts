import type { EditorView } from '@tiptap/pm/view'

/**
 * The viewport y of a document position, for placing a thread beside its passage. Blocks out of view
 * skip their rendering (content-visibility: auto, editor.css), and measuring a position inside one
 * would force its layout: for thousands of comments, seconds. For those the top of the block is close
 * enough; the thread is placed exactly once the block comes into view (`onSkippedBlocksChange`).
 */
export function passageTop(view: EditorView, pos: number): number {
  const { node } = view.domAtPos(pos)
  let el: Element | null = node instanceof Element ? node : node.parentElement
  if (!el || el.checkVisibility({ contentVisibilityAuto: true })) return view.coordsAtPos(pos).top
  // The first ancestor that is itself rendered is the block that skips its contents.
  while (el && !el.checkVisibility({ contentVisibilityAuto: true })) el = el.parentElement
  return (el ?? view.dom).getBoundingClientRect().top
}

/** Calls `onChange` whenever a block of the editor starts or stops skipping its contents. */
export function onSkippedBlocksChange(view: EditorView, onChange: () => void): () => void {
  // The event does not bubble: listen in the capture phase to hear it from every block.
  view.dom.addEventListener('contentvisibilityautostatechange', onChange, { capture: true })
  return () => view.dom.removeEventListener('contentvisibilityautostatechange', onChange, { capture: true })
}
