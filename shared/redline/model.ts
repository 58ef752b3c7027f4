/**
 * The redline between two states of a draft: what the redline engine (`redline()` in this folder)
 * computes from two drafts as ProseMirror JSON, and what the screen, the HTML and the Word export draw.
 * Applying every insertion and dropping every deletion of it gives the later draft; the reverse gives
 * the earlier one.
 */

/** Who made a change, where the server knows it (inserted text; deletions where known). */
export interface RedlineAuthor {
  name: string
  org: string
}

/** Top-level block kinds, as the draft schema names its nodes. */
export type RedlineBlockKind = 'recommendation' | 'heading' | 'paragraph' | 'bulletList' | 'orderedList'

export type RedlineBlockStatus = 'unchanged' | 'modified' | 'new' | 'deleted' | 'moved'

/** A run of text in a redlined textblock. */
export interface RedlineSegment {
  /** `same`: in both; `insert`: only in the later draft; `delete`: only in the earlier one. */
  type: 'same' | 'insert' | 'delete'
  text: string
  /** Marks of the run in the draft it comes from (the later one for `same`): `bold`, `italic`, `link:<href>` (see marks.ts). */
  marks: string[]
  /** For `same` text whose formatting changed: the marks it had before. */
  marksBefore?: string[]
  author?: RedlineAuthor
}

/** One textblock inside a top-level block: a statement, an action (list item paragraph), a paragraph, a heading. */
export interface RedlineParagraph {
  role: 'statement' | 'action' | 'paragraph' | 'heading' | 'listItem'
  /** Heading level (1–6). */
  level?: number
  /** Nesting path of an action or list item, 1-based, e.g. [2, 1]. */
  path?: number[]
  /** For a textblock in both drafts: its heading level and path in the earlier one, where they differ. */
  levelBefore?: number
  pathBefore?: number[]
  /** `same`, or the whole paragraph was inserted or deleted. */
  status: 'same' | 'modified' | 'insert' | 'delete'
  segments: RedlineSegment[]
}

/** A summary line of what changed in a block (the issue's `changes`). */
export interface RedlineChange {
  type: 'insert' | 'delete' | 'format'
  text: string
  author?: RedlineAuthor
}

export interface RedlineBlock {
  kind: RedlineBlockKind
  /** The block's stable id (attribute `blockId`), when it has one. */
  blockId?: string
  /** Recommendation number in the later draft (in the earlier one for a deleted recommendation). */
  number?: number
  /** Recommendation number in the earlier draft, when it differs (moved, or renumbered). */
  fromNumber?: number
  status: RedlineBlockStatus
  /** Position among the top-level blocks of the earlier draft (absent for new blocks). */
  fromIndex?: number
  /** Position among the top-level blocks of the later draft (absent for deleted blocks). */
  toIndex?: number
  changes: RedlineChange[]
  paragraphs: RedlineParagraph[]
}

export interface RedlineCounts {
  /** Words inserted and deleted (Intl.Segmenter word segments), and top-level blocks moved. */
  inserted: number
  deleted: number
  movedBlocks: number
}

/** The engine's answer; blocks in the later draft's order, deleted ones where they stood. */
export interface Redline {
  blocks: RedlineBlock[]
  counts: RedlineCounts
}

/**
 * Where inserted text of the later draft came from: called with the position of an inserted run
 * (`block` = toIndex, `paragraph` = index of the textblock within that top-level block in document
 * order, `from`/`to` = character offsets in that textblock's text) and answers with the author, or
 * undefined when unknown. Runs by several authors are split by `authorRuns` instead, when given.
 */
export interface RedlineAttribution {
  /** For each top-level block of the later draft (by toIndex) and each of its textblocks, the authors of its characters as runs. */
  authorRuns(block: number, paragraph: number): readonly { length: number; author?: RedlineAuthor }[] | undefined
}
