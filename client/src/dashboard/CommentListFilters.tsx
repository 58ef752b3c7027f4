import { COMMENT_STATUSES, COMMENT_TYPES, DISPOSITIONS, type Comment } from '../../../shared/types'
import { useLocale } from '../i18n/useLocale'
import { EMPTY_FILTER, isFiltered, type ListFilter, roundOf } from './commentQuery'
import { placeLabel, type PlaceKey } from './dashboardStats'
import { choicesOf, LabeledSelect, type Choice } from './LabeledSelect'

interface Props {
  comments: readonly Comment[]
  places: readonly PlaceKey[]
  filter: ListFilter
  onChange: (f: ListFilter) => void
}

/** Search and the filters above the list: Member State, type, status, disposition, recommendation, round. */
export function CommentListFilters({ comments, places, filter, onChange }: Props) {
  const { t, orgTitle } = useLocale()
  const ALL = { value: '', label: t('common.all') } as const
  const orgs = [...new Set(comments.map((c) => c.author.org))].sort()
  const rounds = [...new Set(comments.map(roundOf))].sort((a, b) => a - b)
  const roundChoices: Choice<string>[] = [ALL, ...rounds.map((r) => ({ value: String(r), label: t('filters.roundN', { round: r }) }))]
  const set = <K extends keyof ListFilter>(key: K) => (value: ListFilter[K]) => onChange({ ...filter, [key]: value })
  const orgChoices: Choice<string>[] = [ALL, ...orgs.map((o) => ({ value: o, label: `${o} · ${orgTitle(o)}` }))]
  const placeChoices: Choice<ListFilter['place']>[] = [ALL, ...places.map((p) => ({ value: p, label: placeLabel(t, p) }))]
  const dispositionChoices: Choice<ListFilter['disposition']>[] = [
    ALL,
    { value: 'undecided', label: t('dashboard.list.undecided') },
    ...choicesOf(DISPOSITIONS, (d) => t(`disposition.${d}`)),
  ]
  return (
    <div className="list-filters" role="search" aria-label={t('dashboard.list.searchLabel')}>
      <label className="list-search">
        {t('dashboard.list.search')}
        <input
          type="search"
          value={filter.search}
          dir="auto"
          onChange={(e) => set('search')(e.target.value)}
          placeholder={t('dashboard.list.searchPlaceholder')}
          title={t('dashboard.list.searchTitle')}
          data-test="list-search"
        />
      </label>
      <LabeledSelect label={t('column.memberState')} value={filter.org} choices={orgChoices} onChange={set('org')} dataTest="list-filter-org" />
      <LabeledSelect
        label={t('column.type')}
        value={filter.type}
        choices={[ALL, ...choicesOf(COMMENT_TYPES, (type) => t(`commentType.${type}`))]}
        onChange={set('type')}
        dataTest="list-filter-type"
      />
      <LabeledSelect
        label={t('filters.status')}
        value={filter.status}
        choices={[ALL, ...choicesOf(COMMENT_STATUSES, (status) => t(`status.${status}`))]}
        onChange={set('status')}
        dataTest="list-filter-status"
      />
      <LabeledSelect
        label={t('column.disposition')}
        value={filter.disposition}
        choices={dispositionChoices}
        onChange={set('disposition')}
        dataTest="list-filter-disposition"
      />
      <LabeledSelect label={t('dashboard.list.recommendation')} value={filter.place} choices={placeChoices} onChange={set('place')} dataTest="list-filter-place" />
      {rounds.length > 1 && <LabeledSelect label={t('filters.round')} value={filter.round} choices={roundChoices} onChange={set('round')} dataTest="list-filter-round" />}
      {isFiltered(filter) && (
        <button type="button" onClick={() => onChange(EMPTY_FILTER)} data-test="list-clear-filters">
          {t('dashboard.list.clearFilters')}
        </button>
      )}
    </div>
  )
}
