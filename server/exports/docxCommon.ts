import {
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  type ISectionOptions,
  type INumberingOptions,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'

/** A4 in twentieths of a point, and 2 cm margins. */
const A4_SHORT = 11_906
const A4_LONG = 16_838
const MARGIN = 1_134

export type Orientation = 'portrait' | 'landscape'

/** Width available to text on an A4 page. */
export function textWidth(orientation: Orientation): number {
  return (orientation === 'landscape' ? A4_LONG : A4_SHORT) - 2 * MARGIN
}

/** One DOCX section on A4 pages; comment tables are printed landscape. */
export function pageSection(orientation: Orientation, children: ISectionOptions['children']): ISectionOptions {
  const landscape = orientation === 'landscape'
  return {
    properties: {
      page: {
        // Portrait measures in both cases: docx swaps width and height for landscape pages itself.
        size: {
          width: A4_SHORT,
          height: A4_LONG,
          orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN },
      },
    },
    children,
  }
}

/** The document's title as its first paragraph. */
export function titleParagraph(title: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] })
}

/** Text runs for text that may contain line breaks. */
export function plainRuns(text: string, options: { bold?: boolean } = {}): TextRun[] {
  return text.split(/\r\n|\r|\n/).map((line, i) => new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}), ...options }))
}

/** A table filling the text width: `widths` are relative; the header row repeats on every page. */
export function fullWidthTable(
  orientation: Orientation,
  widths: readonly number[],
  header: readonly string[],
  body: readonly (readonly Paragraph[])[][],
): Table {
  const width = textWidth(orientation)
  const total = widths.reduce((a, b) => a + b, 0)
  const columnWidths = widths.map((w) => Math.floor((w / total) * width))
  const cell = (children: readonly Paragraph[], i: number) =>
    new TableCell({
      children: children.length > 0 ? [...children] : [new Paragraph('')],
      width: { size: columnWidths[i] ?? 0, type: WidthType.DXA },
    })
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths,
    rows: [
      new TableRow({
        tableHeader: true,
        children: header.map((h, i) => cell([new Paragraph({ children: plainRuns(h, { bold: true }) })], i)),
      }),
      ...body.map((cells) => new TableRow({ children: cells.map((c, i) => cell(c, i)) })),
    ],
  })
}

/** Packs a document with the given sections (and list numbering, when it has ordered lists). */
export function packDocx(title: string, sections: ISectionOptions[], numbering?: INumberingOptions): Promise<Buffer> {
  const doc = new Document({
    title,
    creator: 'Accord',
    styles: { default: { document: { run: { font: 'Calibri', size: 20 } } } },
    ...(numbering ? { numbering } : {}),
    sections,
  })
  return Packer.toBuffer(doc)
}
