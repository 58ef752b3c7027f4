import type { Translate } from '../../../shared/i18n/translator'
import { COMMENT_STATUSES, COMMENT_TYPES, DISPOSITIONS, type Comment } from '../../../shared/types'
import type { Locale } from '../i18n/useLocale'

/** What the charts' rows are named with, in the reader's language. */
type Words = Pick<Locale, 't' | 'orgTitle'>

/** How far the resolution has come. Withdrawn comments need no decision, so they are not in `total`. */
export interface Progress {
  /** Comments that need a decision: every comment except withdrawn ones. */
  total: number
  decided: number
  open: number
  withdrawn: number
  /** Comments still to be placed in the text: imported rows whose quote was not found. */
  needsAnchoring: number
  /** Comments whose words were deleted from the draft. */
  textRemoved: number
}

export function progressOf(comments: readonly Comment[]): Progress {
  let decided = 0
  let open = 0
  let withdrawn = 0
  let needsAnchoring = 0
  let textRemoved = 0
  for (const c of comments) {
    // A delegation's draft is not before the committee yet (only its own delegation is sent it).
    if (c.status === 'draft') continue
    if (c.status === 'resolved') decided++
    else if (c.status === 'open') open++
    else withdrawn++
    if (c.status === 'withdrawn') continue
    if (c.needsAnchoring) needsAnchoring++
    if (c.anchorState === 'orphaned') textRemoved++
  }
  return { total: decided + open, decided, open, withdrawn, needsAnchoring, textRemoved }
}

/** One bar of a chart: a value per series, in the order of the chart's series. */
export interface ChartRow {
  key: string
  label: string
  /** Longer name for tooltips and the text alternative (e.g. "Norway" for NO). */
  title: string
  values: number[]
}

/** Where in the draft a comment sits, as a filter and chart key: `general`, `other` or the recommendation number. */
export type PlaceKey = 'general' | 'other' | `${number}`

export function placeKeyOf(c: Comment): PlaceKey {
  if (c.scope === 'draft') return 'general'
  return c.place.kind === 'recommendation' ? `${c.place.recommendation}` : 'other'
}

export function placeLabel(t: Translate, key: PlaceKey): string {
  if (key === 'general') return t('place.general')
  if (key === 'other') return t('dashboard.otherText')
  return t('place.recommendation', { number: key })
}

const statusValues = (list: readonly Comment[]) => COMMENT_STATUSES.map((s) => list.filter((c) => c.status === s).length)

function groupBy<K extends string>(comments: readonly Comment[], keyOf: (c: Comment) => K): Map<K, Comment[]> {
  const groups = new Map<K, Comment[]>()
  for (const c of comments) {
    const key = keyOf(c)
    const list = groups.get(key)
    if (list) list.push(c)
    else groups.set(key, [c])
  }
  return groups
}

/** Comments per Member State × status, the busiest delegation first. */
export function byOrgAndStatus(comments: readonly Comment[], { orgTitle }: Words): ChartRow[] {
  return [...groupBy(comments, (c) => c.author.org)]
    .map(([org, list]) => ({ key: org, label: org, title: `${org} · ${orgTitle(org)}`, values: statusValues(list) }))
    .sort((a, b) => sum(b.values) - sum(a.values) || a.key.localeCompare(b.key))
}

/**
 * Comments per place × status in document order: general comments, every recommendation of the draft
 * (also those nobody commented on, which a chair wants to see), then text outside recommendations.
 */
export function byPlaceAndStatus(comments: readonly Comment[], recommendationCount: number, { t }: Words): ChartRow[] {
  const groups = groupBy(comments, placeKeyOf)
  return placeKeysOf(comments, recommendationCount).map((key) => {
    const label = placeLabel(t, key)
    return { key, label, title: label, values: statusValues(groups.get(key) ?? []) }
  })
}

/** The places to offer and chart: General and Other text when used, and Recommendation 1…n. */
export function placeKeysOf(comments: readonly Comment[], recommendationCount: number): PlaceKey[] {
  const used = new Set(comments.map(placeKeyOf))
  let highest = recommendationCount
  for (const key of used) if (key !== 'general' && key !== 'other') highest = Math.max(highest, Number(key))
  const numbered = Array.from({ length: highest }, (_, i): PlaceKey => `${i + 1}`)
  return [...(used.has('general') ? (['general'] as const) : []), ...numbered, ...(used.has('other') ? (['other'] as const) : [])]
}

/** Comments per type (ge / te / ed) × status. */
export function byTypeAndStatus(comments: readonly Comment[], { t }: Words): ChartRow[] {
  const groups = groupBy(comments, (c) => c.type)
  return COMMENT_TYPES.map((type) => {
    const label = t(`commentType.${type}`)
    return { key: type, label, title: label, values: statusValues(groups.get(type) ?? []) }
  })
}

/** Decided comments split by disposition: one bar whose parts are the dispositions. */
export function dispositionRow(comments: readonly Comment[], { t }: Words): ChartRow {
  const decided = comments.filter((c) => c.status === 'resolved' && c.resolution)
  return {
    key: 'decided',
    label: t('dashboard.charts.decided'),
    title: t('dashboard.charts.decidedComments'),
    values: DISPOSITIONS.map((d) => decided.filter((c) => c.resolution?.disposition === d).length),
  }
}

export const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0)
