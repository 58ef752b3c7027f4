import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  type FileChild,
  type ICommentOptions,
  type NumberingDefinition,
  InsertedTextRun,
  Packer,
  Paragraph,
  type ParagraphChild,
  Table,
  TableRow,
  TableRowProperties,
  TextRun,
} from 'docx'
import { recommendationLabel, recommendationTableHeader } from '../../shared/draft/draftModel'
import { type RedlineItem, redlineLayout } from '../../shared/redline/layout'
import { listPlaces } from '../../shared/redline/listPlaces'
import type { Redline, RedlineBlock, RedlineChange, RedlineParagraph } from '../../shared/redline/model'
import type { RedlineStates } from '../../shared/redline/redlineHtml'
import { type RunningText, fixedTable, pageSection, proportionalWidths, titleParagraph } from './docxCommon'
import { BULLET_LIST, LIST_INDENT, ORDERED_LIST, headingStyle } from './draftDocxParts'
import { type MarkFlags, type ParagraphSpec, Revisions, type Show, type Side, cellMarks, markedParagraphs, ownMarks, sideOf, trackedRuns } from './trackedParagraphs'

export interface RedlineDocxOptions {
  /** The page header: the draft's title and the day the file was made. */
  running: RunningText
  states: RedlineStates
  /** When the changes were made, as Word records them on each (ISO 8601): the later state's time. */
  changedAt: string
  /** Word comments on textblocks of the later draft (`block` = toIndex, `paragraph` = its textblock in order). */
  notes?: readonly ParagraphNote[]
}

export interface ParagraphNote {
  block: number
  paragraph: number
  author: string
  text: string
}

/** The notes by the redline paragraph they go on (a textblock of the later draft). */
function notesByParagraph(model: Redline, notes: readonly ParagraphNote[]): Map<RedlineParagraph, ParagraphNote[]> {
  const out = new Map<RedlineParagraph, ParagraphNote[]>()
  for (const note of notes) {
    const block = model.blocks.find((b) => b.toIndex === note.block)
    const paragraph = block?.paragraphs.filter((p) => p.status !== 'delete')[note.paragraph]
    if (paragraph) out.set(paragraph, [...(out.get(paragraph) ?? []), note])
  }
  return out
}

/** Textblocks shown one way: a moved block shows one side at each of its places. */
const visible = (paragraphs: readonly RedlineParagraph[], show: Show) =>
  paragraphs.filter((p) => show === 'diff' || p.status !== (show === 'later' ? 'delete' : 'insert'))

const showOf = ({ block, place }: RedlineItem): Show => (place === 'movedAway' ? 'earlier' : block.status === 'moved' ? 'later' : 'diff')

const blockSide = ({ block, place }: RedlineItem): Side =>
  place === 'movedAway' || block.status === 'deleted' ? 'from' : block.status === 'new' || block.status === 'moved' ? 'to' : 'both'

const CHANGE_VERB: Record<RedlineChange['type'], string> = { insert: 'inserted', delete: 'deleted', format: 'reformatted' }

/** What the note on a moved block says, at its new place and at its old one. */
function moveNote({ block, place, moved }: RedlineItem): string {
  if (block.kind === 'recommendation') {
    if (place === 'movedAway') return `Moved to Recommendation ${block.number}`
    const changes = block.changes.slice(0, 5).map((c) => `${CHANGE_VERB[c.type]} “${c.text.trim()}”`)
    return `Moved from Recommendation ${block.fromNumber}${changes.length > 0 ? `; changed since: ${changes.join('; ')}` : ''}`
  }
  return place === 'movedAway' ? `Moved from here to further ${moved}` : `Moved here from further ${moved === 'down' ? 'up' : 'down'}`
}

/** Writes the redline's blocks as Word paragraphs and tables with tracked changes, and notes on moves as comments. */
class RedlineWriter {
  private lists = 0
  readonly comments: ICommentOptions[] = []
  /**
   * Each ordered list numbers on its own definition: with a shared one, LibreOffice continues a list's
   * numbers from the list before it once the item that restarted them is rejected.
   */
  readonly numbering: NumberingDefinition[] = [BULLET_LIST]

  constructor(
    private readonly revisions: Revisions,
    private readonly changedAt: string,
    private readonly notes: ReadonlyMap<RedlineParagraph, readonly ParagraphNote[]> = new Map(),
  ) {}

  private spec(p: RedlineParagraph, show: Show, options: ParagraphSpec['options']): ParagraphSpec {
    const author = p.segments.find((s) => s.type === 'insert')?.author
    const spec: ParagraphSpec = { side: sideOf(p, show), ...(author ? { author } : {}), options, children: trackedRuns(p, show, this.revisions) }
    // Notes belong to the later draft's text: not repeated where a moved block used to be.
    if (show !== 'earlier') for (const note of this.notes.get(p) ?? []) this.note(spec, note.text, note.author)
    return spec
  }

  /** A Word comment on a paragraph: how moves are noted, since accepting or rejecting changes leaves comments out of the text. */
  private note(spec: ParagraphSpec, text: string, author = 'Accord'): void {
    const id = this.comments.length
    const initials = author.replace(/\(.*\)/, '').trim().slice(0, 2) || 'A'
    this.comments.push({ id, author, initials, date: new Date(this.changedAt), children: text.split('\n').map((line) => new Paragraph(line)) })
    spec.children = [new CommentRangeStart(id), ...spec.children, new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] })]
  }

  private list(paragraphs: readonly RedlineParagraph[], show: Show, ordered: boolean): ParagraphSpec[] {
    const instance = ++this.lists
    const numbered = ordered ? `ordered-${instance}` : BULLET_LIST.reference
    if (ordered) this.numbering.push({ reference: numbered, levels: ORDERED_LIST.levels })
    const pathOf = (p: RedlineParagraph) => (show === 'earlier' ? (p.pathBefore ?? p.path) : p.path)
    const places = listPlaces(paragraphs, pathOf)
    return paragraphs.map((p, i) => {
      const { depth, continues } = places[i]!
      const reference = depth === 0 ? numbered : BULLET_LIST.reference
      return this.spec(p, show, continues ? { indent: { left: LIST_INDENT * (depth + 1) } } : { numbering: { reference, level: depth, instance } })
    })
  }

  /** A block other than a recommendation, as paragraphs of the body. */
  flow(item: RedlineItem): ParagraphSpec[] {
    const show = showOf(item)
    const paragraphs = visible(item.block.paragraphs, show)
    const specs =
      item.block.kind === 'bulletList' || item.block.kind === 'orderedList'
        ? this.list(paragraphs, show, item.block.kind === 'orderedList')
        : paragraphs.map((p) => {
            const level = show === 'earlier' ? (p.levelBefore ?? p.level) : p.level
            return this.spec(p, show, p.role === 'heading' ? { heading: headingStyle(level ?? 1) } : {})
          })
    if (item.block.status === 'moved' && specs[0]) this.note(specs[0], moveNote(item))
    return specs
  }

  /** "Recommendation N", with a renumbering as a change of the number alone. */
  private label(block: RedlineBlock, side: Side): ParagraphChild[] {
    const bold = { bold: true } as const
    if (side === 'to') return [new InsertedTextRun({ text: recommendationLabel(block.number!), ...bold, ...this.revisions.mark() })]
    if (side === 'from') return [new DeletedTextRun({ text: recommendationLabel(block.fromNumber ?? block.number!), ...bold, ...this.revisions.mark() })]
    if (block.fromNumber === undefined || block.fromNumber === block.number) return [new TextRun({ text: recommendationLabel(block.number!), ...bold })]
    return [
      new TextRun({ text: 'Recommendation ', ...bold }),
      new DeletedTextRun({ text: String(block.fromNumber), ...bold, ...this.revisions.mark() }),
      new InsertedTextRun({ text: String(block.number), ...bold, ...this.revisions.mark() }),
    ]
  }

  /** A recommendation as a table row: its label and statement, then its actions. */
  row(item: RedlineItem): { cells: Paragraph[][]; side: Side } {
    const show = showOf(item)
    const side = blockSide(item)
    const [statement, ...actions] = visible(item.block.paragraphs, show)
    const label: ParagraphSpec = { side, options: {}, children: this.label(item.block, side) }
    if (item.block.status === 'moved') this.note(label, moveNote(item))
    const first = [label, ...(statement ? [this.spec(statement, show, {})] : [])]
    const second = this.list(actions, show, false)
    const cell = (specs: ParagraphSpec[]) => markedParagraphs(specs, cellMarks(specs.map((s) => s.side)), this.revisions)
    return { cells: [cell(first), cell(second)], side }
  }

  /** The header row's text, tracked like the row when the row is in one draft only. */
  private headerCell(text: string, mark: MarkFlags): Paragraph[] {
    const run = { text, bold: true } as const
    if (mark.deleted) return [new Paragraph({ children: [new DeletedTextRun({ ...run, ...this.revisions.mark() })] })]
    if (mark.inserted) return [new Paragraph({ children: [new InsertedTextRun({ ...run, ...this.revisions.mark() })] })]
    return [new Paragraph({ children: [new TextRun(run)] })]
  }

  /**
   * A table of recommendations, with the header row among the rows so that its text can be tracked
   * (fixedTable leaves out a header row without columns). Rows in one draft only carry Word's row marks
   * (w:ins, w:del in w:trPr: accepting or rejecting removes the whole row), which fixedTable does not
   * write: each row's properties are replaced by docx's own, with the marks.
   */
  table(rows: readonly Row[], header: MarkFlags): Table {
    const headerCells = recommendationTableHeader().map((h) => this.headerCell(h, header))
    const table = fixedTable(proportionalWidths('portrait', [45, 55]), [], [headerCells, ...rows.map((r) => r.cells)])
    const marks = [header, ...rows.map((r) => ({ inserted: r.side === 'to', deleted: r.side === 'from' }))]
    const children = (component: unknown) => (component as { root: unknown[] }).root
    const written = children(table).filter((c): c is TableRow => c instanceof TableRow && c.cells.length > 0)
    written.forEach((row, i) => {
      const { inserted, deleted } = marks[i]!
      if (!(children(row)[0] instanceof TableRowProperties)) throw new Error('docx no longer keeps row properties first: update RedlineWriter.table')
      children(row)[0] = new TableRowProperties({
        ...(i === 0 ? { tableHeader: true } : {}),
        ...(inserted ? { insertion: this.revisions.mark() } : {}),
        ...(deleted ? { deletion: this.revisions.mark() } : {}),
      })
    })
    return table
  }
}

type Row = ReturnType<RedlineWriter['row']>
type BodyItem = { rows: Row[] } | { specs: ParagraphSpec[] }

/**
 * In which drafts each table's header row stands. A draft's export starts a table after anything but
 * recommendations, so a table that follows another one with only the other draft's paragraphs between
 * them continues that table there, without a header of its own (and a header in neither draft goes on
 * both accept and reject).
 */
function headerMarks(items: readonly BodyItem[]): Map<BodyItem, MarkFlags> {
  const out = new Map<BodyItem, MarkFlags>()
  let rowLastIn = { to: false, from: false }
  for (const item of items) {
    if ('specs' in item) {
      if (item.specs.some((s) => s.side !== 'from')) rowLastIn = { ...rowLastIn, to: false }
      if (item.specs.some((s) => s.side !== 'to')) rowLastIn = { ...rowLastIn, from: false }
      continue
    }
    const inTo = item.rows.some((r) => r.side !== 'from')
    const inFrom = item.rows.some((r) => r.side !== 'to')
    out.set(item, { inserted: !(inFrom && !rowLastIn.from), deleted: !(inTo && !rowLastIn.to) })
    rowLastIn = { to: rowLastIn.to || inTo, from: rowLastIn.from || inFrom }
  }
  return out
}

/**
 * The redline as a Word document laid out as the draft's DOCX export, with real tracked changes: words
 * and whole paragraphs inserted (by the person who typed them, "Name (ORG)", where known) and deleted,
 * formatting changes, renumbered recommendations, rows of new and deleted recommendations, and a moved
 * block deleted at its old place and inserted at its new one, with comments saying where it went.
 * Accepting every change gives exactly the later draft's export; rejecting every change the earlier one's.
 */
export function redlineDocx(title: string, model: Redline, options: RedlineDocxOptions): Promise<Buffer> {
  const revisions = new Revisions(options.changedAt)
  const writer = new RedlineWriter(revisions, options.changedAt, notesByParagraph(model, options.notes ?? []))
  const items: BodyItem[] = []
  for (const item of redlineLayout(model.blocks)) {
    const last = items[items.length - 1]
    if (item.block.kind !== 'recommendation') items.push({ specs: writer.flow(item) })
    else if (last && 'rows' in last) last.rows.push(writer.row(item))
    else items.push({ rows: [writer.row(item)] })
  }
  const headers = headerMarks(items)
  const body: FileChild[] = [
    titleParagraph(title),
    ...items.flatMap((item): FileChild[] =>
      'rows' in item ? [writer.table(item.rows, headers.get(item)!)] : markedParagraphs(item.specs, ownMarks(item.specs.map((s) => s.side)), revisions),
    ),
  ]
  // The document's last paragraph mark cannot be removed: one in a single draft needs a plain one after it.
  const last = items[items.length - 1]
  if (last && 'specs' in last && last.specs[last.specs.length - 1]?.side !== 'both') body.push(new Paragraph({}))
  const doc = new Document({
    title,
    subject: `Changes from ${options.states.from} to ${options.states.to}`,
    creator: 'Accord',
    styles: { default: { document: { run: { font: 'Calibri', size: 20 } } } },
    numbering: { config: writer.numbering },
    comments: { children: writer.comments },
    // Whoever edits the redline in Word goes on tracking their changes.
    features: { trackRevisions: true },
    sections: [pageSection('portrait', options.running, body)],
  })
  return Packer.toBuffer(doc)
}
