import { useEffect, useRef } from 'react'
import { formatPlace } from '../../../shared/draft/locator'
import type { Comment } from '../../../shared/types'
import { CommentAuthors } from '../comments/CommentAuthors'
import { TYPE_LABEL } from '../ui/labels'
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
                aria-label="Select every draft"
                data-test="draft-select-all"
              />
            </th>
            <th scope="col">Draft</th>
            <th scope="col">Author</th>
            <th scope="col">Type</th>
            <th scope="col">Location</th>
            <th scope="col">Comment</th>
            <th scope="col">Support · oppose</th>
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
                  aria-label={`Select ${d.id}`}
                  data-test="draft-select"
                />
              </td>
              <th scope="row" className="cell-id">
                <button type="button" className="link-button comment-id" onClick={() => onShow(d.id)} title={`Show ${d.id} in the draft`}>
                  {d.id}
                </button>
              </th>
              <td>
                <CommentAuthors comment={d} />
              </td>
              <td>
                <span className={`type-badge type-${d.type}`}>{TYPE_LABEL[d.type]}</span>
              </td>
              <td className="cell-location">{formatPlace(d.place)}</td>
              <td className="cell-comment">
                {d.scope === 'text' && d.quote && <blockquote className="quote row-quote">{excerpt(d.quote, 80)}</blockquote>}
                <p className="row-body">{excerpt(d.body)}</p>
              </td>
              <td className="cell-stances" data-test="draft-stances">
                <span className="stance-tally support" title="Support">
                  {count(d, 'support')}
                </span>{' '}
                ·{' '}
                <span className="stance-tally oppose" title="Oppose">
                  {count(d, 'oppose')}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
