import { formatPlace } from '../../../shared/draft/locator'
import { COMMENT_STATUSES, COMMENT_TYPES, type Comment, type CommentStatus, type CommentType, type Disposition } from '../../../shared/types'
import { placeKeyOf, type PlaceKey } from './dashboardStats'

/** What the chair narrowed the list to. Empty strings mean "all". */
export interface ListFilter {
  org: string
  type: CommentType | ''
  status: CommentStatus | ''
  /** A disposition, or `undecided` for comments without one. */
  disposition: Disposition | 'undecided' | ''
  place: PlaceKey | ''
  /** A consultation round, as text ('1', '2', …). */
  round: string
  search: string
}

export const EMPTY_FILTER: ListFilter = { org: '', type: '', status: '', disposition: '', place: '', round: '', search: '' }

/** The round a comment was made in (comments from before rounds existed: the first). */
export const roundOf = (c: Pick<Comment, 'round'>): number => c.round ?? 1

export const SORT_KEYS = ['id', 'org', 'location', 'type', 'status'] as const
export type SortKey = (typeof SORT_KEYS)[number]
export interface ListSort {
  key: SortKey
  direction: 'ascending' | 'descending'
}

/** Document order, as the comment-resolution table is laid out. */
export const DEFAULT_SORT: ListSort = { key: 'location', direction: 'ascending' }

export function isFiltered(f: ListFilter): boolean {
  return Object.values(f).some((v) => v !== '')
}

/** The words a search looks in: ID, comment, quote, proposed change, observations and replies. */
function searchableText(c: Comment): string {
  return [c.id, c.body, c.quote, c.proposedChange ?? '', c.resolution?.note ?? '', ...c.replies.map((r) => r.body)].join('\n').toLowerCase()
}

export function matchesListFilter(c: Comment, f: ListFilter): boolean {
  if (f.org && c.author.org !== f.org) return false
  if (f.type && c.type !== f.type) return false
  if (f.status && c.status !== f.status) return false
  if (f.disposition === 'undecided' && c.resolution) return false
  if (f.disposition && f.disposition !== 'undecided' && c.resolution?.disposition !== f.disposition) return false
  if (f.place && placeKeyOf(c) !== f.place) return false
  if (f.round && String(roundOf(c)) !== f.round) return false
  const words = f.search.trim().toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const text = searchableText(c)
  return words.every((w) => text.includes(w))
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

/** Sort key of a place in document order: general comments, then recommendations and actions, then other text. */
function locationKey(c: Comment): number[] {
  if (c.scope === 'draft') return [0]
  return c.place.kind === 'recommendation' ? [1, c.place.recommendation, ...c.place.action] : [2]
}

function compareNumbers(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1)
    if (d !== 0) return d
  }
  return 0
}

/** Delegation drafts (not in COMMENT_STATUSES) sort first. */
const statusRank = (s: CommentStatus) => (COMMENT_STATUSES as readonly CommentStatus[]).indexOf(s)

/** Document order of two comments' places: general comments, then recommendations and actions, then other text. */
export const compareLocations = (a: Comment, b: Comment): number =>
  compareNumbers(locationKey(a), locationKey(b)) || collator.compare(formatPlace(a.place), formatPlace(b.place))

const COMPARE: Record<SortKey, (a: Comment, b: Comment) => number> = {
  id: () => 0,
  org: (a, b) => collator.compare(a.author.org, b.author.org),
  location: compareLocations,
  type: (a, b) => COMMENT_TYPES.indexOf(a.type) - COMMENT_TYPES.indexOf(b.type),
  status: (a, b) => statusRank(a.status) - statusRank(b.status),
}

/** Filters and sorts; ties fall back to the comment ID so the order never jumps. */
export function queryComments(comments: readonly Comment[], filter: ListFilter, sort: ListSort): Comment[] {
  const sign = sort.direction === 'ascending' ? 1 : -1
  const compare = COMPARE[sort.key]
  return comments
    .filter((c) => matchesListFilter(c, filter))
    .sort((a, b) => sign * (compare(a, b) || collator.compare(a.id, b.id)))
}
