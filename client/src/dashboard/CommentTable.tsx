import type { Comment } from '../../../shared/types'
import { useLocale } from '../i18n/useLocale'
import { columnLabels } from './commentColumns'
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

/** The comment list: sortable columns, one row per comment, and the chair's actions; cards on a phone. */
export function CommentTable({ rows, sort, onSort, documentId, canResolve, onUpdated, onAnnounce }: Props) {
  const { t } = useLocale()
  const label = columnLabels(t)
  const COLUMNS: { label: string; sortKey?: SortKey; className?: string }[] = [
    { label: label.id, sortKey: 'id' },
    { label: label.org, sortKey: 'org' },
    { label: label.location, sortKey: 'location' },
    { label: label.type, sortKey: 'type' },
    { label: label.comment, className: 'col-comment' },
    { label: label.status, sortKey: 'status' },
  ]
  const columnCount = COLUMNS.length + (canResolve ? 1 : 0)
  return (
    <div className="table-scroll">
      <table className="data-table comment-table cards-on-phone" data-test="comment-table">
        <caption className="visually-hidden">{t('dashboard.list.caption')}</caption>
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
                <span className="visually-hidden">{t('participants.actions')}</span>
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
