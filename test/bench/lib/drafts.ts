import * as Y from 'yjs'
import type { JSONContent } from '@tiptap/core'
import { CONTENT_FIELD } from '../../../shared/protocol'
import { NODE } from '../../../shared/schema/names'
import { demoDraftContent } from '../../../server/demo/demoDraft'
import { draftStateFromJson } from '../../../server/documents/draftState'

/** A draft of one empty paragraph that already holds its Y.XmlText, so typing creates no structure. */
export function blankParagraphState(): Uint8Array {
  const doc = new Y.Doc()
  const paragraph = new Y.XmlElement(NODE.paragraph)
  paragraph.insert(0, [new Y.XmlText()])
  doc.getXmlFragment(CONTENT_FIELD).insert(0, [paragraph])
  return Y.encodeStateAsUpdate(doc)
}

/** The demo draft every new workspace starts with. */
export function demoState(): Uint8Array {
  return draftStateFromJson(demoDraftContent())
}

const textLength = (node: JSONContent): number =>
  (node.text?.length ?? 0) + (node.content ?? []).reduce((n, c) => n + textLength(c), 0)

/** Characters on a printed page of a draft (A4, 11 pt: about 500 words). */
export const CHARS_PER_PAGE = 3000

/** The demo draft grown to about `pages` pages by repeating its recommendations. */
export function grownDemoContent(pages: number): { content: JSONContent; chars: number } {
  const demo = demoDraftContent()
  const blocks = demo.content ?? []
  const recommendations = blocks.filter((b) => b.type === NODE.recommendation)
  const content: JSONContent[] = [...blocks]
  let chars = textLength(demo)
  for (let i = 0; chars < pages * CHARS_PER_PAGE; i++) {
    const block = recommendations[i % recommendations.length]!
    content.push(block)
    chars += textLength(block)
  }
  return { content: { ...demo, content }, chars }
}

export function grownDemoState(pages: number): Uint8Array {
  return draftStateFromJson(grownDemoContent(pages).content)
}
