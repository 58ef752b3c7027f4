import { TYPE_ABBREVIATIONS } from '../commentTable'
import type { Translate } from '../i18n/translator'
import { editsText, peopleLine } from '../redline/summary'
import type { ChangesComment, ChangesReport, RecommendationChanges } from './changesReport'

export { peopleLine }

/** The columns of the changes-since table, on screen, in the HTML page and the Word file alike. */
export const changesTableHeader = (t: Translate): string[] => [
  t('report.table.recommendation'),
  t('report.table.change'),
  t('report.table.editors'),
  t('report.table.comments'),
]

/** One row of it, as text; a cell of several lines holds one line per item. */
export type ChangesRow = [recommendation: string, change: string, editors: string, comments: string[]]

/** "NO-003 (te): Accepted with modification, proposed change applied". */
export function commentLine(t: Translate, c: ChangesComment): string {
  const decision =
    c.status === 'withdrawn' ? t('report.comment.withdrawn') : c.disposition ? t(`disposition.${c.disposition}`) : t('report.comment.undecided')
  return t(c.applied ? 'report.comment.lineApplied' : 'report.comment.line', { id: c.id, type: TYPE_ABBREVIATIONS[c.type], decision })
}

function recommendationCell(t: Translate, r: RecommendationChanges): string {
  if (r.number === undefined) return t('report.cell.deletedRecommendation', { number: r.fromNumber })
  if (r.fromNumber !== undefined && r.fromNumber !== r.number) return t('report.cell.renumbered', { number: r.number, from: r.fromNumber })
  return t('report.recommendation', { number: r.number })
}

function changeCell(t: Translate, r: RecommendationChanges): string {
  const detail = editsText(t, { ...r, authors: [], formats: false })
  switch (r.status) {
    case 'new':
      return t('report.cell.new')
    case 'deleted':
      return t('report.cell.deleted')
    case 'moved':
      return t(detail ? 'report.cell.movedDetail' : 'report.cell.moved', { from: r.fromNumber, to: r.number, detail })
    case 'modified':
      return detail ? t('report.cell.modified', { detail }) : t('report.cell.modifiedFormats')
    default:
      return t('report.cell.unchanged')
  }
}

/** Every recommendation of the report as a table row. */
export function changesRows(t: Translate, report: ChangesReport): ChangesRow[] {
  return report.recommendations.map((r) => [recommendationCell(t, r), changeCell(t, r), peopleLine(r.editors), r.comments.map((c) => commentLine(t, c))])
}

/** "Changes from “Sent for comment” (2026-11-02) to “The draft now” (2026-12-06)". */
export function changesHeading(t: Translate, report: ChangesReport): string {
  return t('report.heading', { since: report.since.label, sinceDate: report.since.at.slice(0, 10), to: report.to.label, toDate: report.to.at.slice(0, 10) })
}
