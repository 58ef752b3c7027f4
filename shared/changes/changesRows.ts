import { DISPOSITION_LABELS, TYPE_ABBREVIATIONS } from '../commentTable'
import type { RedlineAuthor } from '../redline/model'
import type { ChangesComment, ChangesReport, RecommendationChanges } from './changesReport'

/** The columns of the changes-since table, in the HTML page and the Word file alike. */
export const CHANGES_TABLE_HEADER = ['Recommendation', 'What changed', 'Edited by', 'Comments and decisions'] as const

/** One row of it, as text; a cell of several lines holds one line per item. */
export type ChangesRow = [recommendation: string, change: string, editors: string, comments: string[]]

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`

export const peopleLine = (people: readonly RedlineAuthor[]) => people.map((p) => `${p.name} (${p.org})`).join(', ')

/** "NO-003 (te): Accepted with modification, applied". */
export function commentLine(c: ChangesComment): string {
  const decision =
    c.status === 'withdrawn' ? 'withdrawn' : c.disposition ? DISPOSITION_LABELS[c.disposition] : 'not yet decided'
  return `${c.id} (${TYPE_ABBREVIATIONS[c.type]}): ${decision}${c.applied ? ', proposed change applied' : ''}`
}

function recommendationCell(r: RecommendationChanges): string {
  if (r.number === undefined) return `Recommendation ${r.fromNumber} (deleted)`
  if (r.fromNumber !== undefined && r.fromNumber !== r.number) return `Recommendation ${r.number} (was ${r.fromNumber})`
  return `Recommendation ${r.number}`
}

function changeCell(r: RecommendationChanges): string {
  const words = [r.inserted > 0 ? `${plural(r.inserted, 'word')} inserted` : '', r.deleted > 0 ? `${plural(r.deleted, 'word')} deleted` : '']
    .filter(Boolean)
    .join(', ')
  switch (r.status) {
    case 'new':
      return 'New'
    case 'deleted':
      return 'Deleted'
    case 'moved':
      return `Moved from ${r.fromNumber} to ${r.number}${words ? `; ${words}` : ''}`
    case 'modified':
      return `Modified: ${words || 'formatting'}`
    default:
      return 'Unchanged'
  }
}

/** Every recommendation of the report as a table row. */
export function changesRows(report: ChangesReport): ChangesRow[] {
  return report.recommendations.map((r) => [recommendationCell(r), changeCell(r), peopleLine(r.editors), r.comments.map(commentLine)])
}

/** "Changes since Sent for comment (2026-11-02) to The draft now (2026-12-06)". */
export function changesHeading(report: ChangesReport): string {
  return `Changes from “${report.since.label}” (${report.since.at.slice(0, 10)}) to “${report.to.label}” (${report.to.at.slice(0, 10)})`
}
