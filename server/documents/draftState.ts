import * as Y from 'yjs'
import type { JSONContent } from '@tiptap/core'
import { prosemirrorToYXmlFragment } from '@tiptap/y-tiptap'
import { CONTENT_FIELD } from '../../shared/protocol'
import { draftSchema } from '../../shared/schema/extensions'

const schema = draftSchema()

/**
 * The Yjs state (one update) of a new draft with this content. The content is checked against the
 * schema first, so a template can never produce a draft the editor would have to repair.
 */
export function draftStateFromJson(json: JSONContent): Uint8Array {
  const node = schema.nodeFromJSON(json)
  node.check()
  const ydoc = new Y.Doc()
  prosemirrorToYXmlFragment(node, ydoc.getXmlFragment(CONTENT_FIELD))
  const state = Y.encodeStateAsUpdate(ydoc)
  ydoc.destroy()
  return state
}
