import { useMemo } from 'react'
import type { Comment } from '../../../shared/types'
import { DISPOSITION_SERIES, STATUS_SERIES } from './chartSeries'
import { byOrgAndStatus, byPlaceAndStatus, byTypeAndStatus, dispositionRow } from './dashboardStats'
import { StackedBarChart } from './StackedBarChart'

/** The four pictures: by Member State, by Recommendation, by type (each × status) and the dispositions. */
export function DashboardCharts({ comments, recommendationCount }: { comments: readonly Comment[]; recommendationCount: number }) {
  const charts = useMemo(
    () => [
      { key: 'org', title: 'Comments by Member State', rows: byOrgAndStatus(comments), series: STATUS_SERIES, labelWidth: 60 },
      {
        key: 'recommendation',
        title: 'Comments by Recommendation',
        rows: byPlaceAndStatus(comments, recommendationCount),
        series: STATUS_SERIES,
        labelWidth: 140,
      },
      { key: 'type', title: 'Comments by type', rows: byTypeAndStatus(comments), series: STATUS_SERIES, labelWidth: 90 },
      {
        key: 'disposition',
        title: 'Decisions by disposition',
        rows: [dispositionRow(comments)],
        series: DISPOSITION_SERIES,
        labelWidth: 70,
        showShare: true,
        emptyText: 'No comment has been decided yet.',
      },
    ],
    [comments, recommendationCount],
  )
  const draw = ({ key, emptyText, ...chart }: (typeof charts)[number]) => (
    <StackedBarChart key={key} {...chart} emptyText={emptyText ?? 'No comments yet.'} dataTest={`chart-${key}`} />
  )
  // Two columns that stack their own charts, so a short chart does not leave a gap beside a tall one.
  return (
    <section className="dashboard-charts" aria-label="Charts">
      <div className="chart-column">{[charts[0]!, charts[2]!].map(draw)}</div>
      <div className="chart-column">{[charts[1]!, charts[3]!].map(draw)}</div>
    </section>
  )
}
