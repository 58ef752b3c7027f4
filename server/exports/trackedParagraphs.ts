import { DeletedTextRun, InsertedTextRun, type IParagraphOptions, Paragraph, type ParagraphChild, TextRun } from 'docx'
import { safeHref } from '../../shared/links'
import { markFlags } from '../../shared/redline/marks'
import type { RedlineAuthor, RedlineParagraph, RedlineSegment } from '../../shared/redline/model'
import { linked, markOptions } from './draftDocxParts'

/**
 * Paragraphs with Word tracked changes (w:ins, w:del, w:rPrChange) from redlined textblocks, and the
 * rule that marks paragraph marks so that accepting every change gives exactly the later text and
 * rejecting every change exactly the earlier one.
 */

/** Who Word names for a change: "Name (ORG)", or Accord where the server does not know. */
export const authorName = (author?: RedlineAuthor) => (author ? `${author.name} (${author.org})` : 'Accord')

/** Revision ids (unique in a document) and the date every change carries. */
export class Revisions {
  private next = 0
  constructor(private readonly date: string) {}

  mark(author?: RedlineAuthor): { id: number; author: string; date: string } {
    return { id: ++this.next, author: authorName(author), date: this.date }
  }
}

/**
 * What of a textblock to show: `diff`, its words kept, inserted and deleted; `later`, its later text
 * all inserted (a block moved here); `earlier`, its earlier text all deleted (where a block moved from).
 */
export type Show = 'diff' | 'later' | 'earlier'

/** In which drafts a paragraph stands. */
export type Side = 'both' | 'to' | 'from'

export function sideOf(p: RedlineParagraph, show: Show): Side {
  if (show !== 'diff') return show === 'later' ? 'to' : 'from'
  return p.status === 'insert' ? 'to' : p.status === 'delete' ? 'from' : 'both'
}

/** Whether a segment is drawn when showing a textblock this way. */
function shown(s: RedlineSegment, show: Show): boolean {
  return show === 'diff' || s.type === 'same' || s.type === (show === 'later' ? 'insert' : 'delete')
}

/** The runs of a text, a line break before each line after the first. */
function lines(text: string, run: (line: string, breakBefore: boolean) => ParagraphChild): ParagraphChild[] {
  return text.split('\n').map((line, i) => run(line, i > 0))
}

function segmentRuns(s: RedlineSegment, show: Show, revisions: Revisions): ParagraphChild[] {
  const marks = show === 'earlier' ? (s.marksBefore ?? s.marks) : s.marks
  const flags = markFlags(marks)
  const href = safeHref(flags.href)
  const style = markOptions({ ...flags, href })
  const inserted = show === 'later' || (show === 'diff' && s.type === 'insert')
  const deleted = show === 'earlier' || (show === 'diff' && s.type === 'delete')
  const runs = lines(s.text, (text, breakBefore) => {
    const options = { text, ...style, ...(breakBefore ? { break: 1 } : {}) }
    if (inserted) return new InsertedTextRun({ ...options, ...revisions.mark(s.author) })
    if (deleted) return new DeletedTextRun({ ...options, ...revisions.mark(s.author) })
    // Formatting-only change: Word tracks it as the run's properties before. Word requires them written
    // out even when there were none, and docx leaves out empty ones: a property off by default keeps them.
    const old = { noProof: false, ...markOptions({ ...markFlags(s.marksBefore ?? []), href: null }) }
    const before = s.marksBefore ? { revision: { ...revisions.mark(), ...old } } : {}
    return new TextRun({ ...options, ...before })
  })
  return runs.map((run) => linked(run, href))
}

/** A textblock's runs as shown one way. */
export function trackedRuns(p: RedlineParagraph, show: Show, revisions: Revisions): ParagraphChild[] {
  return p.segments.filter((s) => shown(s, show)).flatMap((s) => segmentRuns(s, show, revisions))
}

/** A paragraph before its mark is decided: its runs, its look, and in which drafts it stands. */
export interface ParagraphSpec {
  side: Side
  /** Who made it, where it is in one draft only. */
  author?: RedlineAuthor
  options: Omit<IParagraphOptions, 'children' | 'run'>
  children: ParagraphChild[]
}

/** Whether each paragraph's mark is tracked as inserted or deleted. */
export interface MarkFlags {
  inserted: boolean
  deleted: boolean
}

/**
 * Marks for paragraphs that end a container whose last paragraph mark cannot be removed (a table cell).
 * Accepting removes the paragraphs of the earlier draft by merging them into the next: each paragraph
 * mark goes except those ending a later-draft paragraph, but the last later-draft paragraph's mark goes
 * too when earlier-draft paragraphs follow it, so that its words end in the cell's last paragraph.
 * Rejecting is the mirror image.
 */
export function cellMarks(sides: readonly Side[]): MarkFlags[] {
  const lastTo = sides.findLastIndex((s) => s !== 'from')
  const lastFrom = sides.findLastIndex((s) => s !== 'to')
  return sides.map((side, i) => {
    if (i === sides.length - 1) return { inserted: false, deleted: false }
    return { inserted: side === 'to' || i === lastFrom, deleted: side === 'from' || i === lastTo }
  })
}

/** Marks in the body, between tables: a paragraph in one draft only has its own mark tracked. */
export const ownMarks = (sides: readonly Side[]): MarkFlags[] => sides.map((side) => ({ inserted: side === 'to', deleted: side === 'from' }))

/** The paragraphs, their marks tracked as the rule says. */
export function markedParagraphs(specs: readonly ParagraphSpec[], marks: readonly MarkFlags[], revisions: Revisions): Paragraph[] {
  return specs.map((spec, i) => {
    const { inserted, deleted } = marks[i]!
    const run = {
      ...(inserted ? { insertion: revisions.mark(spec.side === 'to' ? spec.author : undefined) } : {}),
      ...(deleted ? { deletion: revisions.mark() } : {}),
    }
    return new Paragraph({ ...spec.options, children: spec.children, ...(inserted || deleted ? { run } : {}) })
  })
}
