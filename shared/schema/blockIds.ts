import { Extension, type JSONContent } from '@tiptap/core'
import { NODE } from './names'

/**
 * Stable ids of the draft's top-level blocks, so that two states of a draft can be compared block by
 * block (the redline) even after recommendations were moved. The id is a node attribute, so it travels
 * through Yjs (an XmlElement attribute), through copies made by a move, and through HTML as
 * `data-block-id`. Ids are given by the editor (client/src/editor/blockIds.ts) and by the server for
 * new drafts; nothing depends on them beyond the redline, which falls back to text similarity.
 */

export const BLOCK_ID = 'blockId'

/** Node types that may stand at the top level of a draft, and so carry an id there. */
export const TOP_LEVEL_TYPES = [NODE.recommendation, NODE.heading, NODE.paragraph, NODE.bulletList, NODE.orderedList] as const

/** The `blockId` attribute on every top-level node type (null where none was given, e.g. inside lists). */
export const BlockIdAttribute = Extension.create({
  name: 'blockIdAttribute',
  addGlobalAttributes() {
    return [
      {
        types: [...TOP_LEVEL_TYPES],
        attributes: {
          [BLOCK_ID]: {
            default: null,
            parseHTML: (element) => element.getAttribute('data-block-id'),
            renderHTML: (attributes) => (typeof attributes[BLOCK_ID] === 'string' ? { 'data-block-id': attributes[BLOCK_ID] } : {}),
          },
        },
      },
    ]
  },
})

/** A new random block id (Web Crypto: in browsers and in Node alike). */
export function newBlockId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(9))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** A top-level block as the id rule sees it. */
export interface BlockIdCandidate {
  id: unknown
  /** Its text length (asked only for blocks sharing an id): the one with more text keeps the id. */
  textLength: () => number
}

/**
 * Which top-level blocks need a fresh id: those without one, and all but one of those sharing an id.
 * Enter splitting a block copies its attributes to both halves; the half holding more of the text keeps
 * the id (so Enter at the start of a paragraph leaves the id with its words), the first on a tie.
 * Answers the indexes to renumber.
 */
export function blocksNeedingIds(blocks: readonly BlockIdCandidate[]): number[] {
  const keeper = new Map<string, number>()
  blocks.forEach((block, i) => {
    if (typeof block.id !== 'string' || block.id === '') return
    const current = keeper.get(block.id)
    if (current === undefined || blocks[current]!.textLength() < block.textLength()) keeper.set(block.id, i)
  })
  return blocks.flatMap((block, i) => (typeof block.id === 'string' && keeper.get(block.id) === i ? [] : [i]))
}

const jsonTextLength = (node: JSONContent): number =>
  (node.text?.length ?? 0) + (node.content ?? []).reduce((n, child) => n + jsonTextLength(child), 0)

/** Top-level blocks (ProseMirror JSON) with the ids they lack, by the rule of `blocksNeedingIds`. */
export function withBlockIds(blocks: readonly JSONContent[]): JSONContent[] {
  const renew = new Set(blocksNeedingIds(blocks.map((b) => ({ id: b.attrs?.[BLOCK_ID], textLength: () => jsonTextLength(b) }))))
  return blocks.map((block, i) => (renew.has(i) ? { ...block, attrs: { ...block.attrs, [BLOCK_ID]: newBlockId() } } : block))
}
