import * as Y from 'yjs'
import { sharedTranslate } from '../i18n/sharedTranslate'
import type { Translate } from '../i18n/translator'
import { safeHref } from '../links'
import { MARK, NODE } from '../schema/names'

/**
 * A plain model of a draft read straight from its Y.XmlFragment, for exports (DOCX, Markdown, HTML):
 * headings, paragraphs, lists and numbered recommendations, with bold, italic and safe links.
 */

export interface TextRun {
  kind: 'text'
  text: string
  bold: boolean
  italic: boolean
  /** A link target that passed `safeHref`, else null. */
  href: string | null
}

export interface LineBreak {
  kind: 'break'
}

export type Inline = TextRun | LineBreak

export interface ParagraphBlock {
  kind: 'paragraph'
  inlines: Inline[]
}

export interface HeadingBlock {
  kind: 'heading'
  /** 1–6 */
  level: number
  inlines: Inline[]
}

export interface ListItem {
  /** The item's paragraphs and nested lists, in order. */
  blocks: FlowBlock[]
}

export interface ListBlock {
  kind: 'list'
  ordered: boolean
  /** First number of an ordered list. */
  start: number
  items: ListItem[]
}

export type FlowBlock = ParagraphBlock | HeadingBlock | ListBlock

export interface RecommendationBlock {
  kind: 'recommendation'
  /** 1-based position among the draft's recommendations. */
  number: number
  statement: Inline[]
  actions: ListItem[]
}

export type DraftBlock = FlowBlock | RecommendationBlock

export interface DraftModel {
  blocks: DraftBlock[]
}

/** A run of consecutive recommendations, laid out as one "Recommendations | Recommended Actions" table. */
export interface RecommendationTable {
  kind: 'recommendations'
  recommendations: RecommendationBlock[]
}

type Attributes = Record<string, unknown>

/** Mark names from delta attributes; y-tiptap stores overlapping marks as "name--hash". */
function marksOf(attributes: Attributes | undefined): { bold: boolean; italic: boolean; href: string | null } {
  let bold = false
  let italic = false
  let href: string | null = null
  for (const [key, value] of Object.entries(attributes ?? {})) {
    const name = key.split('--')[0]
    if (name === MARK.bold) bold = true
    else if (name === MARK.italic) italic = true
    else if (name === MARK.link && value && typeof value === 'object') href = safeHref((value as Attributes).href)
  }
  return { bold, italic, href }
}

function inlinesOfText(text: Y.XmlText): Inline[] {
  const out: Inline[] = []
  for (const op of text.toDelta() as { insert: unknown; attributes?: Attributes }[]) {
    if (typeof op.insert !== 'string' || op.insert === '') continue
    out.push({ kind: 'text', text: op.insert, ...marksOf(op.attributes) })
  }
  return out
}

/** The inline content of a textblock (paragraph, heading, statement). */
function inlinesOf(element: Y.XmlElement): Inline[] {
  const out: Inline[] = []
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) out.push(...inlinesOfText(child))
    else if (child instanceof Y.XmlElement && child.nodeName === NODE.hardBreak) out.push({ kind: 'break' })
    else if (child instanceof Y.XmlElement) out.push(...inlinesOf(child))
  }
  return out
}

function numberAttribute(element: Y.XmlElement, name: string, fallback: number, min: number, max: number): number {
  const n = Number(element.getAttribute(name))
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback
}

function listItemsOf(list: Y.XmlElement): ListItem[] {
  return list
    .toArray()
    .filter((c): c is Y.XmlElement => c instanceof Y.XmlElement && c.nodeName === NODE.listItem)
    .map((item) => ({ blocks: item.toArray().flatMap(flowBlocksOf) }))
}

/** Blocks of one node; unknown elements keep their text (as paragraphs) rather than vanish. */
function flowBlocksOf(node: Y.XmlElement | Y.XmlText | Y.XmlHook): FlowBlock[] {
  if (node instanceof Y.XmlText) {
    const inlines = inlinesOfText(node)
    return inlines.length > 0 ? [{ kind: 'paragraph', inlines }] : []
  }
  if (!(node instanceof Y.XmlElement)) return []
  switch (node.nodeName) {
    case NODE.paragraph:
    case NODE.statement:
      return [{ kind: 'paragraph', inlines: inlinesOf(node) }]
    case NODE.heading:
      return [{ kind: 'heading', level: numberAttribute(node, 'level', 1, 1, 6), inlines: inlinesOf(node) }]
    case NODE.bulletList:
    case NODE.actions:
      return [{ kind: 'list', ordered: false, start: 1, items: listItemsOf(node) }]
    case NODE.orderedList:
      return [{ kind: 'list', ordered: true, start: numberAttribute(node, 'start', 1, 0, 1_000_000), items: listItemsOf(node) }]
    default: {
      const children = node.toArray()
      const isTextblock = children.length > 0 && children.every((c) => c instanceof Y.XmlText || (c instanceof Y.XmlElement && c.nodeName === NODE.hardBreak))
      return isTextblock ? [{ kind: 'paragraph', inlines: inlinesOf(node) }] : children.flatMap(flowBlocksOf)
    }
  }
}

function recommendationOf(element: Y.XmlElement, number: number): RecommendationBlock {
  const children = element.toArray().filter((c): c is Y.XmlElement => c instanceof Y.XmlElement)
  const statement = children.find((c) => c.nodeName === NODE.statement)
  const actions = children.find((c) => c.nodeName === NODE.actions)
  return {
    kind: 'recommendation',
    number,
    statement: statement ? inlinesOf(statement) : [],
    actions: actions ? listItemsOf(actions) : [],
  }
}

/** Reads a draft's content fragment into the plain model. */
export function draftModel(fragment: Y.XmlFragment): DraftModel {
  const blocks: DraftBlock[] = []
  let recommendations = 0
  for (const child of fragment.toArray()) {
    if (child instanceof Y.XmlElement && child.nodeName === NODE.recommendation) {
      blocks.push(recommendationOf(child, ++recommendations))
    } else {
      blocks.push(...flowBlocksOf(child))
    }
  }
  return { blocks }
}

/** The draft's blocks with each run of consecutive recommendations gathered into one table. */
export function draftSections(model: DraftModel): (FlowBlock | RecommendationTable)[] {
  const out: (FlowBlock | RecommendationTable)[] = []
  for (const block of model.blocks) {
    if (block.kind !== 'recommendation') {
      out.push(block)
      continue
    }
    const last = out[out.length - 1]
    if (last?.kind === 'recommendations') last.recommendations.push(block)
    else out.push({ kind: 'recommendations', recommendations: [block] })
  }
  return out
}

/** Plain text of inline content; line breaks become "\n". */
export function inlineText(inlines: readonly Inline[]): string {
  return inlines.map((i) => (i.kind === 'break' ? '\n' : i.text)).join('')
}

const english = (): Translate => sharedTranslate('en')

/** Column headings of the recommendations table, as committee annexes print them, in the language of `t`. */
export const recommendationTableHeader = (t: Translate = english()): string[] => [t('export.recommendations'), t('export.recommendedActions')]

/** Label of a recommendation's first column, as committee annexes print it, in the language of `t`. */
export function recommendationLabel(n: number, t: Translate = english()): string {
  return t('place.recommendation', { number: n })
}
