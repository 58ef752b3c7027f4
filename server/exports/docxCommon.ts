import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  type ISectionOptions,
  type INumberingOptions,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  Tab,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx'
import { DEFAULT_LANGUAGE, type Language } from '../../shared/i18n/languages'
import { sharedTranslate } from '../../shared/i18n/sharedTranslate'

export type Orientation = 'portrait' | 'landscape'

/**
 * A4 in twentieths of a point; 2 cm margins, but 1.27 cm at the sides of landscape pages, which carry the
 * wide comment tables; the running header and footer 1 cm from the edge.
 */
const A4_SHORT = 11_906
const A4_LONG = 16_838
const MARGIN = 1_134
const SIDE_MARGINS: Record<Orientation, number> = { portrait: MARGIN, landscape: 720 }
const RUNNING_MARGIN = 567
/** Running header and footer text: 8 pt, in half-points. */
const RUNNING_SIZE = 16
/** Space between a table cell's border and its text, left and right (in twips), and above and below. */
export const CELL_PADDING = 80
const CELL_PADDING_ABOVE = 30

/** Width available to text on an A4 page. */
export function textWidth(orientation: Orientation): number {
  return (orientation === 'landscape' ? A4_LONG : A4_SHORT) - 2 * SIDE_MARGINS[orientation]
}

/** What every printed page says besides its content: which document, as of which day. */
export interface RunningText {
  title: string
  /** The day the file was made (YYYY-MM-DD): printed copies of a changing draft need it. */
  date: string
  /** The language of the file (the draft's): its "Page X of Y", headings and labels. English unless said. */
  language?: Language
}

/** "Page X of Y" in `language`, the numbers as Word's fields (filled in as Word lays out the pages). */
function pageOf(language: Language): string[] {
  const [current, total] = ['[[current page]]', '[[total pages]]']
  const text = sharedTranslate(language)('export.page', { current, total })
  const field = (part: string) => (part === current ? PageNumber.CURRENT : part === total ? PageNumber.TOTAL_PAGES : part)
  return text.split(/(\[\[current page\]\]|\[\[total pages\]\])/).filter((part) => part !== '').map(field)
}

/**
 * One DOCX section on A4 pages (comment tables are printed landscape), with the title and date in the
 * page header and "Page X of Y" in the footer, so a loose printed page still says what it belongs to.
 */
export function pageSection(orientation: Orientation, running: RunningText, children: ISectionOptions['children']): ISectionOptions {
  const landscape = orientation === 'landscape'
  const side = SIDE_MARGINS[orientation]
  const small = { size: RUNNING_SIZE }
  return {
    properties: {
      page: {
        // Portrait measures in both cases: docx swaps width and height for landscape pages itself.
        size: {
          width: A4_SHORT,
          height: A4_LONG,
          orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: { top: MARGIN, right: side, bottom: MARGIN, left: side, header: RUNNING_MARGIN, footer: RUNNING_MARGIN },
      },
    },
    headers: {
      default: new Header({
        children: [
          new Paragraph({
            tabStops: [{ type: TabStopType.RIGHT, position: textWidth(orientation) }],
            children: [new TextRun({ text: running.title, ...small }), new TextRun({ children: [new Tab(), running.date], ...small })],
          }),
        ],
      }),
    },
    footers: {
      default: new Footer({
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ children: pageOf(running.language ?? DEFAULT_LANGUAGE), ...small })],
          }),
        ],
      }),
    },
    children,
  }
}

/** The document's title as its first paragraph. */
export function titleParagraph(title: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] })
}

/** How text runs look: bold, and the size in half-points (18 = 9 pt). */
export interface RunStyle {
  bold?: boolean
  size?: number
}

/** Text runs for text that may contain line breaks. */
export function plainRuns(text: string, style: RunStyle = {}): TextRun[] {
  return text.split(/\r\n|\r|\n/).map((line, i) => new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}), ...style }))
}

/** Relative widths shared out over the text width of a page, in twips. */
export function proportionalWidths(orientation: Orientation, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0)
  return weights.map((w) => Math.floor((w / total) * textWidth(orientation)))
}

/**
 * A table with exactly these column widths (twips), which Word and LibreOffice keep instead of fitting
 * columns to their content; the bold header row repeats on every page.
 */
export function fixedTable(
  columnWidths: readonly number[],
  header: readonly string[],
  body: readonly (readonly Paragraph[])[][],
  headerStyle: RunStyle = {},
): Table {
  const cell = (children: readonly Paragraph[], i: number) =>
    new TableCell({
      children: children.length > 0 ? [...children] : [new Paragraph('')],
      width: { size: columnWidths[i] ?? 0, type: WidthType.DXA },
    })
  return new Table({
    width: { size: columnWidths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    margins: { left: CELL_PADDING, right: CELL_PADDING, top: CELL_PADDING_ABOVE, bottom: CELL_PADDING_ABOVE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: header.map((h, i) => cell([new Paragraph({ children: plainRuns(h, { ...headerStyle, bold: true }) })], i)),
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
