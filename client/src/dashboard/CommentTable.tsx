import type { Comment } from '../../../shared/types'
import { COLUMN_LABEL } from './commentColumns'
import { CommentRow } from './CommentRow'
import type { ListSort, SortKey } from './commentQuery'
import { SortHeader } from './SortHeader'

interface Props {
  rows: readonly Comment[]
  sort: ListSort
  onSort: (sort: ListSort) => void
  documentId: string
  canResolve: boolean
  onUpdated: (c: Comment) => void
  onAnnounce: (message: string) => void
}

const COLUMNS: { label: string; sortKey?: SortKey; className?: string }[] = [
  { label: COLUMN_LABEL.id, sortKey: 'id' },
  { label: COLUMN_LABEL.org, sortKey: 'org' },
  { label: COLUMN_LABEL.location, sortKey: 'location' },
  { label: COLUMN_LABEL.type, sortKey: 'type' },
  { label: COLUMN_LABEL.comment, className: 'col-comment' },
  { label: COLUMN_LABEL.status, sortKey: 'status' },
]

/** The comment list: sortable columns, one row per comment, and the chair's actions; cards on a phone. */
export function CommentTable({ rows, sort, onSort, documentId, canResolve, onUpdated, onAnnounce }: Props) {
  const columnCount = COLUMNS.length + (canResolve ? 1 : 0)
  return (
    <div className="table-scroll">
      <table className="data-table comment-table cards-on-phone" data-test="comment-table">
        <caption className="visually-hidden">Comments; column headers with buttons sort the list.</caption>
        <thead>
          <tr>
            {COLUMNS.map((col) =>
              col.sortKey ? (
                <SortHeader key={col.label} label={col.label} sortKey={col.sortKey} sort={sort} onSort={onSort} />
              ) : (
                <th key={col.label} scope="col" className={col.className}>
                  {col.label}
                </th>
              ),
            )}
            {canResolve && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <CommentRow
              key={c.id}
              comment={c}
              documentId={documentId}
              canResolve={canResolve}
              columnCount={columnCount}
              onUpdated={onUpdated}
              onAnnounce={onAnnounce}
            />
          ))}
        </tbody>
      </table>
    </div>
  )
}
