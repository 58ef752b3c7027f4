import { Fragment, type Node as PmNode, Slice } from '@tiptap/pm/model'
import type { Transform } from '@tiptap/pm/transform'
import { draftSchema } from '../../shared/schema/extensions'
import { NODE } from '../../shared/schema/names'
import type { Random } from './random'

const schema = draftSchema()

/** Every position inside a textblock, where text can go. */
export function textPositions(doc: PmNode): number[] {
  const out: number[] = []
  doc.descendants((node, pos) => {
    if (node.isTextblock) for (let i = 0; i <= node.content.size; i++) out.push(pos + 1 + i)
  })
  return out
}

export const EDIT_KINDS = ['type', 'delete', 'dropBlock', 'moveBlock', 'split', 'pasteRecommendation'] as const
export type EditKind = (typeof EDIT_KINDS)[number]

/**
 * One random edit of the kinds people make, applied to `t` (a Transform or a Transaction): type,
 * delete words, delete or move a top-level block, split a paragraph, paste a recommendation mid-text.
 */
export function applyRandomEdit(t: Transform, random: Random): EditKind {
  const doc = t.doc
  const at = random.pick(textPositions(doc))
  const kind = random.pick(EDIT_KINDS)
  if (kind === 'type') t.insert(at, schema.text(random.pick(['a', 'e', ' ', 'data ', 'aa'])))
  if (kind === 'delete') {
    const end = Math.min(doc.resolve(at).end(), at + random.int(1, 12))
    if (end > at) t.delete(at, end)
  }
  if (kind === 'dropBlock' || kind === 'moveBlock') {
    const index = random.int(0, doc.childCount - 1)
    let from = 0
    for (let i = 0; i < index; i++) from += doc.child(i).nodeSize
    const node = doc.child(index)
    // Keep the draft long enough to stay interesting over hundreds of edits.
    if (kind === 'moveBlock' || doc.childCount > 12) t.delete(from, from + node.nodeSize)
    if (kind === 'moveBlock') t.insert(random.pick([0, t.doc.content.size]), node)
  }
  if (kind === 'split' && doc.resolve(at).parent.type.name === NODE.paragraph) t.split(at)
  if (kind === 'pasteRecommendation' && doc.resolve(at).parent.type.name === NODE.paragraph && doc.resolve(at).depth === 1) {
    const recommendation = doc.content.content.find((n) => n.type.name === NODE.recommendation)
    if (recommendation) t.replaceRange(at, at, new Slice(Fragment.from(recommendation), 0, 0))
  }
  return kind
}
