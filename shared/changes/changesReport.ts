import type { Translate } from '../i18n/translator'
import type { Redline, RedlineAuthor, RedlineBlock, RedlineBlockStatus, RedlineCounts } from '../redline/model'
import { type SummaryFacts, summarize } from '../redline/summary'
import { type Comment, type CommentStatus, type CommentType, DISPOSITIONS, type Disposition, type Place } from '../types'

/** One of the two states the report compares. */
export interface ChangesState {
  id: string
  label: string
  at: string
}

/** A comment as the report lists it: who, what kind, and what was decided. */
export interface ChangesComment {
  id: string
  org: string
  type: CommentType
  status: CommentStatus
  disposition?: Disposition
  /** The chair's observations with the decision. */
  note?: string
  /** Its proposed change was put into the text. */
  applied: boolean
  /** Where it is, in English (scripts); `place` says it as data. */
  locator: string
  place: Place
}

/** What happened to one recommendation since the earlier state. */
export interface RecommendationChanges {
  /** Its number now (absent for a deleted recommendation). */
  number?: number
  /** Its number in the earlier state (absent for a new one). */
  fromNumber?: number
  status: RedlineBlockStatus
  inserted: number
  deleted: number
  /** Who typed the words inserted into it (deletions are not attributed). */
  editors: RedlineAuthor[]
  comments: ChangesComment[]
}

/** Changes outside recommendations (introduction, headings, lists). */
export interface OtherChanges {
  kind: Exclude<RedlineBlock['kind'], 'recommendation'>
  status: RedlineBlockStatus
  inserted: number
  deleted: number
  editors: RedlineAuthor[]
}

export type CommentTally = Record<Disposition | 'open' | 'withdrawn' | 'applied' | 'total', number>

export interface ChangesReport {
  since: ChangesState
  to: ChangesState
  /** Short lines in the style of a committee's "summary of the changes", from the redline's facts only (in English). */
  summary: string[]
  /** The facts of those lines, one per changed block, for a reader's screen to say in their language (`summaryLine`). */
  summaryFacts: SummaryFacts[]
  recommendations: RecommendationChanges[]
  other: OtherChanges[]
  /** Comments on the draft as a whole, on text outside recommendations, and on words since removed. */
  otherComments: ChangesComment[]
  comments: CommentTally
  counts: RedlineCounts
}

function listed(c: Comment): ChangesComment {
  return {
    id: c.id,
    org: c.author.org,
    type: c.type,
    status: c.status,
    ...(c.resolution ? { disposition: c.resolution.disposition, note: c.resolution.note } : {}),
    applied: c.applied !== undefined,
    locator: c.locator,
    place: c.place,
  }
}

/** Comments that belong to the period: made since, or decided or applied since. */
const since = (at: string) => (c: Comment) =>
  c.createdAt >= at || (c.resolution !== undefined && c.resolution.at >= at) || (c.applied !== undefined && c.applied.at >= at)

function tally(comments: readonly Comment[]): CommentTally {
  const t: CommentTally = { total: comments.length, open: 0, withdrawn: 0, applied: 0, accepted: 0, 'accepted-with-modification': 0, 'not-accepted': 0, noted: 0 }
  for (const c of comments) {
    if (c.applied) t.applied++
    if (c.status === 'open') t.open++
    else if (c.status === 'withdrawn') t.withdrawn++
    else if (c.resolution) t[c.resolution.disposition]++
  }
  return t
}

/** "12 comments: 5 accepted, 2 accepted with modification; 3 proposed changes applied; 1 not yet decided", in the language of `t`. */
export function tallyLine(t: Translate, tally: CommentTally): string | null {
  if (tally.total === 0) return null
  const decided = DISPOSITIONS.filter((d) => tally[d] > 0).map((d) => t('report.tally.disposition', { n: tally[d], label: t(`disposition.${d}`).toLocaleLowerCase() }))
  const rest = [
    decided.join(', '),
    tally.applied > 0 ? t('report.tally.applied', { count: tally.applied }) : '',
    tally.withdrawn > 0 ? t('report.tally.withdrawn', { count: tally.withdrawn }) : '',
    tally.open > 0 ? t('report.tally.open', { count: tally.open }) : '',
  ].filter(Boolean)
  const total = t('report.tally.total', { count: tally.total })
  return rest.length > 0 ? t('report.tally.withDetail', { total, detail: rest.join('; ') }) : total
}

/**
 * The changes-since report: per recommendation, what happened to it between two states of the draft
 * (new, deleted, moved, modified, unchanged; words in and out; who typed) and the comments on it with
 * their decisions. Built from the redline and the comments as the reader may see them; nothing invented.
 */
export function changesReport(
  redline: Redline,
  comments: readonly Comment[],
  states: { since: ChangesState; to: ChangesState },
  t: Translate,
): ChangesReport {
  const relevant = comments.filter(since(states.since.at))
  const summaries = summarize(redline.blocks, t)
  const byBlock = new Map(redline.blocks.filter((b) => b.status !== 'unchanged').map((b, i) => [b, summaries[i]!]))
  const claimed = new Set<string>()
  /** Comments on recommendation n: on its words, or (for a deleted one) on words removed with it. */
  const onRecommendation = (n: number | undefined, orphaned: boolean) => {
    const on = relevant.filter(
      (c) => !claimed.has(c.id) && c.place.kind === 'recommendation' && c.place.recommendation === n && (c.anchorState === 'orphaned') === orphaned,
    )
    for (const c of on) claimed.add(c.id)
    return on.map(listed)
  }
  const recommendations: RecommendationChanges[] = []
  const other: OtherChanges[] = []
  for (const block of redline.blocks) {
    const facts = byBlock.get(block)
    const words = { inserted: facts?.inserted ?? 0, deleted: facts?.deleted ?? 0, editors: facts?.authors ?? [] }
    if (block.kind !== 'recommendation') {
      if (block.status !== 'unchanged') other.push({ kind: block.kind, status: block.status, ...words })
      continue
    }
    const number = block.status === 'deleted' ? undefined : block.number
    const fromNumber = block.status === 'new' ? undefined : (block.fromNumber ?? block.number)
    // A deleted recommendation's comments lost their words; they keep the place they were last seen at.
    const on = number !== undefined ? onRecommendation(number, false) : onRecommendation(fromNumber, true)
    recommendations.push({
      ...(number !== undefined ? { number } : {}),
      ...(fromNumber !== undefined ? { fromNumber } : {}),
      status: block.status,
      ...words,
      comments: on,
    })
  }
  const otherComments = relevant.filter((c) => !claimed.has(c.id)).map(listed)
  const commentTally = tally(relevant)
  const summary = [...summaries.map((s) => s.line), tallyLine(t, commentTally)].filter((l): l is string => l !== null)
  const summaryFacts = summaries.map(({ title: _title, line: _line, ...facts }) => facts)
  return { since: states.since, to: states.to, summary, summaryFacts, recommendations, other, otherComments, comments: commentTally, counts: redline.counts }
}
