import { COMMENT_STATUSES, COMMENT_TYPES, DISPOSITIONS, type Comment } from '../../../shared/types'
import { DISPOSITION_LABEL, STATUS_LABEL, TYPE_LABEL, orgTitle } from '../ui/labels'
import { EMPTY_FILTER, isFiltered, type ListFilter, roundOf } from './commentQuery'
import { placeLabel, type PlaceKey } from './dashboardStats'
import { choicesOf, LabeledSelect, type Choice } from './LabeledSelect'

interface Props {
  comments: readonly Comment[]
  places: readonly PlaceKey[]
  filter: ListFilter
  onChange: (f: ListFilter) => void
}

const ALL = { value: '', label: 'All' } as const

/** Search and the filters above the list: Member State, type, status, disposition, recommendation, round. */
export function CommentListFilters({ comments, places, filter, onChange }: Props) {
  const orgs = [...new Set(comments.map((c) => c.author.org))].sort()
  const rounds = [...new Set(comments.map(roundOf))].sort((a, b) => a - b)
  const roundChoices: Choice<string>[] = [ALL, ...rounds.map((r) => ({ value: String(r), label: `Round ${r}` }))]
  const set = <K extends keyof ListFilter>(key: K) => (value: ListFilter[K]) => onChange({ ...filter, [key]: value })
  const orgChoices: Choice<string>[] = [ALL, ...orgs.map((o) => ({ value: o, label: `${o} · ${orgTitle(o)}` }))]
  const placeChoices: Choice<ListFilter['place']>[] = [ALL, ...places.map((p) => ({ value: p, label: placeLabel(p) }))]
  const dispositionChoices: Choice<ListFilter['disposition']>[] = [
    ALL,
    { value: 'undecided', label: 'Not decided' },
    ...choicesOf(DISPOSITIONS, DISPOSITION_LABEL),
  ]
  return (
    <div className="list-filters" role="search" aria-label="Search and filter comments">
      <label className="list-search">
        Search
        <input
          type="search"
          value={filter.search}
          onChange={(e) => set('search')(e.target.value)}
          placeholder="ID or any words"
          title="Searches the ID, comment, quoted text, proposed change, replies and observations"
          data-test="list-search"
        />
      </label>
      <LabeledSelect label="Member State" value={filter.org} choices={orgChoices} onChange={set('org')} dataTest="list-filter-org" />
      <LabeledSelect
        label="Type"
        value={filter.type}
        choices={[ALL, ...choicesOf(COMMENT_TYPES, TYPE_LABEL)]}
        onChange={set('type')}
        dataTest="list-filter-type"
      />
      <LabeledSelect
        label="Status"
        value={filter.status}
        choices={[ALL, ...choicesOf(COMMENT_STATUSES, STATUS_LABEL)]}
        onChange={set('status')}
        dataTest="list-filter-status"
      />
      <LabeledSelect
        label="Disposition"
        value={filter.disposition}
        choices={dispositionChoices}
        onChange={set('disposition')}
        dataTest="list-filter-disposition"
      />
      <LabeledSelect label="Recommendation" value={filter.place} choices={placeChoices} onChange={set('place')} dataTest="list-filter-place" />
      {rounds.length > 1 && <LabeledSelect label="Round" value={filter.round} choices={roundChoices} onChange={set('round')} dataTest="list-filter-round" />}
      {isFiltered(filter) && (
        <button type="button" onClick={() => onChange(EMPTY_FILTER)} data-test="list-clear-filters">
          Clear filters
        </button>
      )}
    </div>
  )
}
