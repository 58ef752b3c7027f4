import type { Node as PMNode } from '@tiptap/pm/model'
import type { Range } from '../../../shared/draft/anchors'
import { NODE } from '../../../shared/schema/names'
import type { Comment } from '../../../shared/types'

/** One open comment as a numbered note of the printed draft. */
export interface PrintNote {
  number: number
  comment: Comment
}

/** The notes printed together after one top-level block of the draft, or at its end. */
export interface NoteGroup {
  /** The document position the notes follow: just after their block, or the end of the draft. */
  at: number
  /** The recommendation's number when the block is one; null after other blocks and at the end. */
  recommendation: number | null
  /** True for the group at the end: general comments, and comments whose words are gone. */
  atEnd: boolean
  notes: PrintNote[]
}

/**
 * The printed draft's notes: every open comment, numbered in document order, after the top-level block
 * its words are in (for most, a recommendation); general comments and those whose words were deleted or
 * are not yet anchored after the last block. Resolved, withdrawn and delegation-draft comments are not
 * printed: a printed draft is read for what is still to be decided.
 */
export function printNoteGroups(doc: PMNode, comments: readonly Comment[], placements: ReadonlyMap<string, Range>): NoteGroup[] {
  const byBlock = new Map<number, { from: number; comment: Comment }[]>()
  const atEnd: Comment[] = []
  for (const comment of comments) {
    if (comment.status !== 'open') continue
    const range = placements.get(comment.id)
    const block = range && comment.scope !== 'draft' && !comment.needsAnchoring && range.from < doc.content.size ? doc.resolve(range.from).index(0) : -1
    if (block < 0) {
      atEnd.push(comment)
      continue
    }
    const list = byBlock.get(block) ?? []
    list.push({ from: range!.from, comment })
    byBlock.set(block, list)
  }

  const groups: NoteGroup[] = []
  let number = 0
  let recommendations = 0
  doc.forEach((node, offset, index) => {
    const isRecommendation = node.type.name === NODE.recommendation
    if (isRecommendation) recommendations++
    const here = byBlock.get(index)
    if (!here) return
    here.sort((a, b) => a.from - b.from || a.comment.id.localeCompare(b.comment.id))
    groups.push({
      at: offset + node.nodeSize,
      recommendation: isRecommendation ? recommendations : null,
      atEnd: false,
      notes: here.map(({ comment }) => ({ number: ++number, comment })),
    })
  })
  if (atEnd.length > 0) {
    groups.push({ at: doc.content.size, recommendation: null, atEnd: true, notes: atEnd.map((comment) => ({ number: ++number, comment })) })
  }
  return groups
}
