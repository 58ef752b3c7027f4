import { type FileChild, type NumberingDefinition, Paragraph, type ParagraphChild, TextRun } from 'docx'
import {
  type DraftModel,
  type FlowBlock,
  type Inline,
  type ListItem,
  draftSections,
  recommendationLabel,
  recommendationTableHeader,
} from '../../shared/draft/draftModel'
import { sharedTranslate } from '../../shared/i18n/sharedTranslate'
import { DEFAULT_LANGUAGE } from '../../shared/i18n/languages'
import { type RunningText, fixedTable, packDocx, pageSection, proportionalWidths, titleParagraph } from './docxCommon'
import { BULLET_LIST, LIST_INDENT, ORDERED_LIST, headingStyle, linked, markOptions, orderedFrom } from './draftDocxParts'

function runs(inlines: readonly Inline[]): ParagraphChild[] {
  return inlines.map((inline) => (inline.kind === 'break' ? new TextRun({ break: 1 }) : linked(new TextRun({ text: inline.text, ...markOptions(inline) }), inline.href)))
}

/** Writes the draft's blocks as paragraphs; each list is its own numbering instance. */
class DocxWriter {
  private lists = 0

  blocks(blocks: readonly FlowBlock[], level = -1): Paragraph[] {
    return blocks.flatMap((block) => this.block(block, level))
  }

  private block(block: FlowBlock, level: number): Paragraph[] {
    switch (block.kind) {
      case 'paragraph':
        // A paragraph after the first in a list item continues the item, indented with it.
        return [new Paragraph({ children: runs(block.inlines), ...(level >= 0 ? { indent: { left: LIST_INDENT * (level + 1) } } : {}) })]
      case 'heading':
        return [new Paragraph({ heading: headingStyle(block.level), children: runs(block.inlines) })]
      case 'list':
        return this.list(block.items, block.ordered, block.start, level + 1)
      default: {
        const never: never = block
        throw new Error(`unknown block ${String(never)}`)
      }
    }
  }

  list(items: readonly ListItem[], ordered: boolean, start: number, level: number): Paragraph[] {
    const instance = ++this.lists
    const reference: NumberingDefinition =
      ordered && start !== 1 ? orderedFrom(start) : ordered ? ORDERED_LIST : BULLET_LIST
    return items.flatMap((item) => {
      const [first, ...rest] = item.blocks
      const head =
        first?.kind === 'paragraph'
          ? [new Paragraph({ children: runs(first.inlines), numbering: { reference, level, instance } })]
          : [new Paragraph({ children: [], numbering: { reference, level, instance } }), ...(first ? this.block(first, level) : [])]
      return [...head, ...this.blocks(rest, level)]
    })
  }
}

/**
 * The draft as DOCX: the title, the text before and after the recommendations, and each run of
 * recommendations as a two-column table "Recommendations | Recommended Actions".
 */
export function draftDocx(running: RunningText, model: DraftModel): Promise<Buffer> {
  const writer = new DocxWriter()
  const t = sharedTranslate(running.language ?? DEFAULT_LANGUAGE)
  const children: FileChild[] = [titleParagraph(running.title)]
  for (const section of draftSections(model)) {
    if (section.kind !== 'recommendations') {
      children.push(...writer.blocks([section]))
      continue
    }
    const rows = section.recommendations.map((r) => [
      [new Paragraph({ children: [new TextRun({ text: recommendationLabel(r.number, t), bold: true })] }), new Paragraph({ children: runs(r.statement) })],
      writer.list(r.actions, false, 1, 0),
    ])
    children.push(fixedTable(proportionalWidths('portrait', [45, 55]), recommendationTableHeader(t), rows))
  }
  return packDocx(running.title, [pageSection('portrait', running, children)], { config: [BULLET_LIST, ORDERED_LIST] })
}
