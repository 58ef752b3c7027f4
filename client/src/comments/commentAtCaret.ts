import type { EditorView } from '@tiptap/pm/view'
import { commentHighlightsKey } from './commentHighlights'

/**
 * The comment on the words at the caret (or the selection's head): of the highlights there, the one on
 * the fewest words, as a click would choose. Null where no comment is.
 */
export function commentAtCaret(view: EditorView): string | null {
  const set = commentHighlightsKey.getState(view.state)
  if (!set) return null
  const at = view.state.selection.head
  const found = set.find(at, at, (spec: { commentId?: string }) => spec.commentId !== undefined).filter((d) => d.from <= at && at <= d.to)
  const smallest = found.reduce<(typeof found)[number] | null>((best, d) => (!best || d.to - d.from < best.to - best.from ? d : best), null)
  return (smallest?.spec as { commentId?: string } | undefined)?.commentId ?? null
}
