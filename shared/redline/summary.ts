import type { Translate } from '../i18n/translator'
import type { RedlineAuthor, RedlineBlock, RedlineBlockKind, RedlineBlockStatus, RedlineSegment } from './model'
import { countWords } from './words'

/**
 * What changed in one block, as facts: words inserted and deleted, who inserted them, whether formatting
 * changed, and its numbers before and after. The words of a summary line are made from these in any
 * language (`summaryLine`), so a report can carry them and each reader's screen say them in theirs.
 */
export interface SummaryFacts {
  kind: RedlineBlockKind
  status: RedlineBlockStatus
  /** The recommendation's number now (or, deleted, the one it had). */
  number?: number
  fromNumber?: number
  inserted: number
  deleted: number
  authors: RedlineAuthor[]
  formats: boolean
}

/** Per block: the facts, its title and one line saying what changed, in the language of the `t` given. */
export interface BlockSummary extends SummaryFacts {
  title: string
  line: string
}

const segmentsOf = (block: RedlineBlock): RedlineSegment[] => block.paragraphs.flatMap((p) => p.segments)

/** The facts of every block that changed. */
export function summaryFacts(blocks: readonly RedlineBlock[]): SummaryFacts[] {
  return blocks
    .filter((b) => b.status !== 'unchanged')
    .map((block) => {
      const segments = segmentsOf(block)
      const inserted = segments.filter((s) => s.type === 'insert').reduce((n, s) => n + countWords(s.text), 0)
      const deleted = segments.filter((s) => s.type === 'delete').reduce((n, s) => n + countWords(s.text), 0)
      const authors = [
        ...new Map(segments.filter((s) => s.type === 'insert' && s.author).map((s) => [`${s.author!.name}|${s.author!.org}`, s.author!])).values(),
      ]
      const number = block.number ?? block.fromNumber
      return {
        kind: block.kind,
        status: block.status,
        ...(number !== undefined ? { number } : {}),
        ...(block.fromNumber !== undefined ? { fromNumber: block.fromNumber } : {}),
        inserted,
        deleted,
        authors,
        formats: block.changes.some((c) => c.type === 'format'),
      }
    })
}

/** "Ana Silva (MZ), Kari Nordmann (NO)". */
export const peopleLine = (people: readonly RedlineAuthor[]) => people.map((p) => `${p.name} (${p.org})`).join(', ')

/** What a block is called in summaries: "Recommendation 2", or its kind. */
export function summaryTitle(t: Translate, f: Pick<SummaryFacts, 'kind' | 'number'>): string {
  return f.kind === 'recommendation' ? t('report.recommendation', { number: f.number ?? '?' }) : t(`report.kind.${f.kind}`)
}

/** "4 words inserted by Ana Silva (MZ), 2 words deleted; formatting changed", or '' when nothing of that. */
export function editsText(t: Translate, f: Pick<SummaryFacts, 'inserted' | 'deleted' | 'authors' | 'formats'>): string {
  const edits = [
    f.inserted > 0 ? t(f.authors.length > 0 ? 'report.insertedBy' : 'report.inserted', { count: f.inserted, people: peopleLine(f.authors) }) : '',
    f.deleted > 0 ? t('report.deleted', { count: f.deleted }) : '',
  ]
    .filter(Boolean)
    .join(', ')
  return [edits, f.formats ? t('report.formats') : ''].filter(Boolean).join('; ')
}

/**
 * One line in the style of a committee's "summary of the changes", made from the facts only (words
 * counted, moves, who typed), never invented. Two neighbours that swapped places read the same either way
 * round, so they are "reordered" rather than one of them said to have moved.
 */
export function summaryLine(t: Translate, f: SummaryFacts): string {
  const title = summaryTitle(t, f)
  const detail = editsText(t, f)
  switch (f.status) {
    case 'new':
      return t('report.line.new', { title })
    case 'deleted':
      return t('report.line.deleted', { title })
    case 'moved': {
      const from = f.fromNumber ?? 0
      const to = f.number ?? 0
      if (Math.abs(from - to) === 1) {
        const reordered = t('report.line.reordered', { a: Math.min(from, to), b: Math.max(from, to) })
        return detail ? t('report.line.reorderedDetail', { reordered, title: t('report.recommendation', { number: to }), detail }) : reordered
      }
      return t(detail ? 'report.line.movedDetail' : 'report.line.moved', { from, to, detail })
    }
    case 'modified':
      return detail ? t('report.line.modified', { title, detail }) : t('report.line.changed', { title })
    default:
      return title
  }
}

/** The summary of every block that changed, in the language of `t`. */
export function summarize(blocks: readonly RedlineBlock[], t: Translate): BlockSummary[] {
  return summaryFacts(blocks).map((f) => ({ ...f, title: summaryTitle(t, f), line: summaryLine(t, f) }))
}
