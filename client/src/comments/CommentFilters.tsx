import { COMMENT_TYPES, type Comment } from '../../../shared/types'
import { useLocale } from '../i18n/useLocale'
import { type CommentFilter, STATUS_FILTERS, type StatusFilter } from './commentFilters'

/** Filter by Member State, type and status (open by default). */
export function CommentFilters({ comments, filter, onChange }: { comments: readonly Comment[]; filter: CommentFilter; onChange: (f: CommentFilter) => void }) {
  const { t, orgTitle } = useLocale()
  const orgs = [...new Set(comments.map((c) => c.author.org))].sort()
  const rounds = [...new Set(comments.map((c) => c.round ?? 1))].sort((a, b) => a - b)
  return (
    <div className="comment-filters" role="group" aria-label={t('filters.label')}>
      <label>
        {t('column.memberState')}
        <select value={filter.org} onChange={(e) => onChange({ ...filter, org: e.target.value })} data-test="filter-org">
          <option value="">{t('common.all')}</option>
          {orgs.map((o) => (
            <option key={o} value={o}>
              {o} · {orgTitle(o)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('column.type')}
        <select value={filter.type} onChange={(e) => onChange({ ...filter, type: e.target.value as CommentFilter['type'] })} data-test="filter-type">
          <option value="">{t('common.all')}</option>
          {COMMENT_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`commentType.${type}`)}
            </option>
          ))}
        </select>
      </label>
      {rounds.length > 1 && (
        <label>
          {t('filters.round')}
          <select value={filter.round} onChange={(e) => onChange({ ...filter, round: e.target.value })} data-test="filter-round">
            <option value="">{t('common.all')}</option>
            {rounds.map((r) => (
              <option key={r} value={String(r)}>
                {t('filters.roundN', { round: r })}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('filters.status')}
        <select value={filter.status} onChange={(e) => onChange({ ...filter, status: e.target.value as StatusFilter })} data-test="filter-status">
          {STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>
              {t(`filters.statusFilter.${s}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  )
}
