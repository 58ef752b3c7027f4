import { COMMENT_TYPES, type Comment } from '../../../shared/types'
import { TYPE_LABEL, orgTitle } from '../ui/labels'
import { type CommentFilter, STATUS_FILTER_LABEL, STATUS_FILTERS, type StatusFilter } from './commentFilters'

/** Filter by Member State, type and status (open by default). */
export function CommentFilters({ comments, filter, onChange }: { comments: readonly Comment[]; filter: CommentFilter; onChange: (f: CommentFilter) => void }) {
  const orgs = [...new Set(comments.map((c) => c.author.org))].sort()
  const rounds = [...new Set(comments.map((c) => c.round ?? 1))].sort((a, b) => a - b)
  return (
    <div className="comment-filters" role="group" aria-label="Filter comments">
      <label>
        Member State
        <select value={filter.org} onChange={(e) => onChange({ ...filter, org: e.target.value })} data-test="filter-org">
          <option value="">All</option>
          {orgs.map((o) => (
            <option key={o} value={o}>
              {o} · {orgTitle(o)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Type
        <select value={filter.type} onChange={(e) => onChange({ ...filter, type: e.target.value as CommentFilter['type'] })} data-test="filter-type">
          <option value="">All</option>
          {COMMENT_TYPES.map((t) => (
            <option key={t} value={t}>
              {TYPE_LABEL[t]}
            </option>
          ))}
        </select>
      </label>
      {rounds.length > 1 && (
        <label>
          Round
          <select value={filter.round} onChange={(e) => onChange({ ...filter, round: e.target.value })} data-test="filter-round">
            <option value="">All</option>
            {rounds.map((r) => (
              <option key={r} value={String(r)}>
                Round {r}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Status
        <select value={filter.status} onChange={(e) => onChange({ ...filter, status: e.target.value as StatusFilter })} data-test="filter-status">
          {STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>
              {STATUS_FILTER_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
    </div>
  )
}
