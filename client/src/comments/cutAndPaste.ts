import type { Node as PMNode } from '@tiptap/pm/model'
import type { EditorView } from '@tiptap/pm/view'
import { anchorForRange, resolveCommentRange } from '../../../shared/draft/anchors'
import type { AnchorRepair } from '../../../shared/draft/anchorRepairs'
import { buildPositionIndex } from '../../../shared/draft/positionIndex'
import type { HighlightSource } from './highlightSource'

/**
 * Comments follow their words through cut and paste within this tab: a cut remembers which comments lay
 * inside the cut text (as character offsets), and pasting that text re-anchors those that lost their
 * words. A copy and paste leaves comments where they are, since their words are still there.
 */

interface CutMemory {
  text: string
  items: { commentId: string; start: number; end: number }[]
}

const textOf = (doc: PMNode, from: number, to: number) => doc.textBetween(from, to, '\n', '\n')

/** The position `offset` characters (as textBetween counts them) after `start`. */
function positionAtOffset(doc: PMNode, start: number, offset: number): number {
  let pos = start
  while (pos < doc.content.size && textOf(doc, start, pos).length < offset) pos++
  return pos
}

export class CutAndPaste {
  private memory: CutMemory | null = null
  private pasteNear: number | null = null

  constructor(private readonly source: HighlightSource) {}

  /** Before the editor cuts the selection: remember the comments inside it. */
  onCut(view: EditorView): void {
    const { from, to } = view.state.selection
    const doc = this.source.fragment.doc
    if (from >= to || !doc) return
    const index = buildPositionIndex(this.source.fragment)
    const items = this.source.comments().flatMap((c) => {
      if (c.scope === 'draft') return []
      const r = resolveCommentRange(index, doc, c.anchors)?.range
      if (!r || r.from < from || r.to > to) return []
      return [{ commentId: c.id, start: textOf(view.state.doc, from, r.from).length, end: textOf(view.state.doc, from, r.to).length }]
    })
    this.memory = items.length > 0 ? { text: textOf(view.state.doc, from, to), items } : null
  }

  /** Before a paste: note where it lands. */
  onPaste(view: EditorView): void {
    this.pasteNear = this.memory ? view.state.selection.from : null
  }

  /** After the paste reached the document: re-anchor comments whose words it brought back. */
  afterUpdate(view: EditorView): AnchorRepair[] {
    const near = this.pasteNear
    const memory = this.memory
    this.pasteNear = null
    if (near === null || !memory) return []
    const doc = view.state.doc
    let start = -1
    for (let p = Math.max(0, near - 4); p <= Math.min(doc.content.size, near + 4) && start < 0; p++) {
      if (textOf(doc, p, Math.min(doc.content.size, p + memory.text.length + 8)).startsWith(memory.text)) start = p
    }
    const ydoc = this.source.fragment.doc
    if (start < 0 || !ydoc) return []
    this.memory = null // a second paste of the same text is a copy
    const index = buildPositionIndex(this.source.fragment)
    const orphaned = new Set(
      this.source
        .comments()
        .filter((c) => resolveCommentRange(index, ydoc, c.anchors) === null)
        .map((c) => c.id),
    )
    return memory.items
      .filter((item) => orphaned.has(item.commentId))
      .map((item) => {
        const anchor = anchorForRange(index, positionAtOffset(doc, start, item.start), positionAtOffset(doc, start, item.end))
        return { commentId: item.commentId, start: anchor.start, end: anchor.end }
      })
  }
}
