import { useDeferredValue, useMemo, useState } from 'react'
import type { Comment } from '../../../shared/types'
import { CommentListFilters } from './CommentListFilters'
import { CommentTable } from './CommentTable'
import { DEFAULT_SORT, EMPTY_FILTER, isFiltered, queryComments, type ListFilter, type ListSort } from './commentQuery'
import { placeKeysOf } from './dashboardStats'
import { useLocale } from '../i18n/useLocale'

/** Rows drawn at first and per "Show more": a draft can collect thousands of comments. */
const PAGE_SIZE = 100

interface Props {
  comments: readonly Comment[]
  recommendationCount: number
  documentId: string
  canResolve: boolean
  onUpdated: (c: Comment) => void
}

/** The full list: search, filters, sortable columns, and (for chairs) decisions made right from a row. */
export function CommentList({ comments, recommendationCount, documentId, canResolve, onUpdated }: Props) {
  const { t } = useLocale()
  const [filter, setFilter] = useState<ListFilter>(EMPTY_FILTER)
  const [sort, setSort] = useState<ListSort>(DEFAULT_SORT)
  const [limit, setLimit] = useState(PAGE_SIZE)
  const [announcement, setAnnouncement] = useState('')
  // Typing in the search box stays responsive while a long list is filtered behind it.
  const deferredFilter = useDeferredValue(filter)
  const rows = useMemo(() => queryComments(comments, deferredFilter, sort), [comments, deferredFilter, sort])
  const places = useMemo(() => placeKeysOf(comments, recommendationCount), [comments, recommendationCount])
  const shown = rows.slice(0, limit)

  const changeFilter = (f: ListFilter) => {
    setFilter(f)
    setLimit(PAGE_SIZE)
  }

  return (
    <section className="comment-list" aria-labelledby="comment-list-heading">
      <div className="section-head">
        <h2 id="comment-list-heading">{t('dashboard.list.heading')}</h2>
        <p className="muted" data-test="list-count" data-count={rows.length} aria-live="polite">
          {isFiltered(deferredFilter)
            ? t('dashboard.list.matching', { matching: rows.length, count: comments.length })
            : t('dashboard.list.count', { count: comments.length })}
        </p>
      </div>
      {!canResolve && <p className="muted">{t('dashboard.list.readOnly')}</p>}
      <CommentListFilters comments={comments} places={places} filter={filter} onChange={changeFilter} />
      <p className="list-announcement" role="status" data-test="list-announcement">
        {announcement}
      </p>
      {comments.length === 0 ? (
        <p className="empty-state" data-test="list-empty">
          {canResolve ? t('dashboard.list.emptyChair') : t('dashboard.list.empty')}
        </p>
      ) : rows.length === 0 ? (
        <div className="empty-state" data-test="list-empty">
          <p>{t('dashboard.list.noMatch')}</p>
          <button type="button" onClick={() => changeFilter(EMPTY_FILTER)}>
            {t('dashboard.list.clearFilters')}
          </button>
        </div>
      ) : (
        <>
          <CommentTable
            rows={shown}
            sort={sort}
            onSort={setSort}
            documentId={documentId}
            canResolve={canResolve}
            onUpdated={onUpdated}
            onAnnounce={setAnnouncement}
          />
          {rows.length > shown.length && (
            <div className="list-more">
              <span className="muted">{t('dashboard.list.showing', { shown: shown.length, total: rows.length })}</span>
              <button type="button" onClick={() => setLimit((n) => n + PAGE_SIZE)} data-test="list-show-more">
                {t('dashboard.list.showMore', { count: Math.min(PAGE_SIZE, rows.length - shown.length) })}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  )
}
