import { useMemo } from 'react'
import type { Comment } from '../../../shared/types'
import { useLocale } from '../i18n/useLocale'
import { dispositionSeries, statusSeries } from './chartSeries'
import { byOrgAndStatus, byPlaceAndStatus, byTypeAndStatus, dispositionRow } from './dashboardStats'
import { StackedBarChart } from './StackedBarChart'

/** The four pictures: by Member State, by Recommendation, by type (each × status) and the dispositions. */
export function DashboardCharts({ comments, recommendationCount }: { comments: readonly Comment[]; recommendationCount: number }) {
  const locale = useLocale()
  const { t } = locale
  const charts = useMemo(() => {
    const statuses = statusSeries(t)
    return [
      { key: 'org', title: t('dashboard.charts.byOrg'), rows: byOrgAndStatus(comments, locale), series: statuses, labelWidth: 60 },
      {
        key: 'recommendation',
        title: t('dashboard.charts.byRecommendation'),
        rows: byPlaceAndStatus(comments, recommendationCount, locale),
        series: statuses,
        labelWidth: 140,
      },
      { key: 'type', title: t('dashboard.charts.byType'), rows: byTypeAndStatus(comments, locale), series: statuses, labelWidth: 90 },
      {
        key: 'disposition',
        title: t('dashboard.charts.byDisposition'),
        rows: [dispositionRow(comments, locale)],
        series: dispositionSeries(t),
        labelWidth: 70,
        showShare: true,
        emptyText: t('dashboard.charts.noneDecided'),
      },
    ]
  }, [comments, recommendationCount, locale, t])
  const draw = ({ key, emptyText, ...chart }: (typeof charts)[number]) => (
    <StackedBarChart key={key} {...chart} emptyText={emptyText ?? t('dashboard.charts.none')} dataTest={`chart-${key}`} />
  )
  // Two columns that stack their own charts, so a short chart does not leave a gap beside a tall one.
  return (
    <section className="dashboard-charts" aria-label={t('dashboard.charts.label')}>
      <div className="chart-column">{[charts[0]!, charts[2]!].map(draw)}</div>
      <div className="chart-column">{[charts[1]!, charts[3]!].map(draw)}</div>
    </section>
  )
}
