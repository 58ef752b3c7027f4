import type { JSONContent } from '@tiptap/core'
import type { Node as PmNode } from '@tiptap/pm/model'
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { CONTENT_FIELD } from '../../shared/protocol'
import { draftSchema } from '../../shared/schema/extensions'
import { NODE } from '../../shared/schema/names'
import { type PositionIndex, buildPositionIndex, pmToRelative } from '../../shared/draft/positionIndex'
import { doc as draftDoc, heading, paragraph, recommendation } from '../../server/documents/draftJson'
import { draftStateFromJson } from '../../server/documents/draftState'

/** Drafts as Y.Docs for the unit tests of shared/draft: built from JSON, read back as ProseMirror. */
export const schema = draftSchema()

export function ydocFrom(json: JSONContent): Y.Doc {
  const d = new Y.Doc()
  Y.applyUpdate(d, draftStateFromJson(json))
  return d
}
export const fragmentOf = (d: Y.Doc) => d.getXmlFragment(CONTENT_FIELD)
export const pmOf = (d: Y.Doc): PmNode => yXmlFragmentToProseMirrorRootNode(fragmentOf(d), schema)
export const indexOf = (d: Y.Doc): PositionIndex => buildPositionIndex(fragmentOf(d))

/** A second replica that receives every update of `source` (another client, or the server). */
export function replicaOf(source: Y.Doc): Y.Doc {
  const replica = new Y.Doc()
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(source))
  source.on('update', (u: Uint8Array) => Y.applyUpdate(replica, u))
  return replica
}

const txt = (text: string, marks?: JSONContent['marks']): JSONContent => (marks ? { type: 'text', text, marks } : { type: 'text', text })

/** A draft with the awkward cases: preamble, marks, links, hard breaks, empty blocks, lists, emoji. */
export function richDraft(): JSONContent {
  return draftDoc(
    { type: NODE.paragraph, content: [txt('Preamble with '), txt('bold', [{ type: 'bold' }]), txt(' and '), txt('italic link', [{ type: 'italic' }, { type: 'link', attrs: { href: 'https://www.wipo.int' } }]), txt('.')] },
    paragraph(),
    heading(1, 'Scope'),
    { type: NODE.paragraph, content: [txt('Line one'), { type: NODE.hardBreak }, txt('line two 😀 after emoji'), { type: NODE.hardBreak }] },
    { type: NODE.bulletList, content: [{ type: NODE.listItem, content: [paragraph('A plain bullet, not an action.')] }] },
    heading(2, 'Recommendations'),
    recommendation('Offices should digitize.', ['Scan the files.', ['Index them:', ['by number;', 'by date.']], 'Publish them.']),
    recommendation('', ['']),
    recommendation('Offices should share data.', ['Use standards.', 'Offer APIs.']),
    paragraph('Closing words.'),
  )
}


/** An encoded relative position at a ProseMirror position of `d`. */
export const encodeRelativeTo = (d: Y.Doc, pos: number) => Buffer.from(Y.encodeRelativePosition(pmToRelative(indexOf(d), pos, 0))).toString('base64')

/** The text a range covers, or null for no range. */
export const rangeText = (d: Y.Doc, r: { from: number; to: number } | null) => (r ? pmOf(d).textBetween(r.from, r.to) : null)
