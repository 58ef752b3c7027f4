import { useEffect, useRef } from 'react'
import type { Comment } from '../../../shared/types'
import { CommentAuthors } from '../comments/CommentAuthors'
import { useLocale } from '../i18n/useLocale'
import { excerpt } from './delegationDrafts'

interface Props {
  drafts: readonly Comment[]
  selected: ReadonlySet<string>
  onSelect: (ids: readonly string[], on: boolean) => void
  /** Shows a draft's thread and passage in the editor. */
  onShow: (id: string) => void
}

const count = (c: Comment, stance: 'support' | 'oppose') => (c.stances ?? []).filter((s) => s.stance === stance).length

/** The delegation's drafts with a checkbox each (and one for all), for the focal point to submit or merge. */
export function DraftsTable({ drafts, selected, onSelect, onShow }: Props) {
  const { t, place, number } = useLocale()
  const all = drafts.length > 0 && drafts.every((d) => selected.has(d.id))
  const some = drafts.some((d) => selected.has(d.id))
  // "Some selected" has no attribute of its own: it is the checkbox's indeterminate property.
  const allBox = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (allBox.current) allBox.current.indeterminate = some && !all
  }, [some, all])
  return (
    <div className="table-scroll">
      <table className="data-table delegation-drafts" data-test="delegation-drafts">
        <thead>
          <tr>
            <th scope="col" className="cell-select">
              <input
                ref={allBox}
                type="checkbox"
                checked={all}
                onChange={(e) => onSelect(drafts.map((d) => d.id), e.target.checked)}
                aria-label={t('delegation.selectAll')}
                data-test="draft-select-all"
              />
            </th>
            <th scope="col">{t('delegation.draft')}</th>
            <th scope="col">{t('delegation.author')}</th>
            <th scope="col">{t('column.type')}</th>
            <th scope="col">{t('column.location')}</th>
            <th scope="col">{t('column.comment')}</th>
            <th scope="col">{t('delegation.supportOppose')}</th>
          </tr>
        </thead>
        <tbody>
          {drafts.map((d) => (
            <tr key={d.id} className={selected.has(d.id) ? 'selected' : ''} data-test="draft-row" data-comment-id={d.id}>
              <td className="cell-select">
                <input
                  type="checkbox"
                  checked={selected.has(d.id)}
                  onChange={(e) => onSelect([d.id], e.target.checked)}
                  aria-label={t('delegation.select', { id: d.id })}
                  data-test="draft-select"
                />
              </td>
              <th scope="row" className="cell-id">
                <button type="button" className="link-button comment-id" onClick={() => onShow(d.id)} title={t('delegation.show', { id: d.id })}>
                  {d.id}
                </button>
              </th>
              <td>
                <CommentAuthors comment={d} />
              </td>
              <td>
                <span className={`type-badge type-${d.type}`}>{t(`commentType.${d.type}`)}</span>
              </td>
              <td className="cell-location">{place(d.place)}</td>
              <td className="cell-comment">
                {d.scope === 'text' && d.quote && (
                  <blockquote className="quote row-quote" dir="auto">
                    {excerpt(d.quote, 80)}
                  </blockquote>
                )}
                <p className="row-body" dir="auto">
                  {excerpt(d.body)}
                </p>
              </td>
              <td className="cell-stances" data-test="draft-stances">
                <span className="stance-tally support" title={t('delegation.support')}>
                  <span className="visually-hidden">{t('delegation.support')} </span>
                  {number(count(d, 'support'))}
                </span>{' '}
                ·{' '}
                <span className="stance-tally oppose" title={t('delegation.oppose')}>
                  <span className="visually-hidden">{t('delegation.oppose')} </span>
                  {number(count(d, 'oppose'))}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
