import { useEffect, useRef, useState } from 'react'
import type { Comment, Disposition } from '../../../shared/types'
import { formatPlace } from '../../../shared/draft/locator'
import { commentApi } from '../comments/commentApi'
import { Link } from '../routing/Link'
import { DISPOSITION_LABEL, STATUS_LABEL, TYPE_LABEL, TYPE_SHORT, decisionSource, orgTitle } from '../ui/labels'
import { DecisionForm } from '../comments/DecisionForm'
import { COLUMN_LABEL } from './commentColumns'

interface Props {
  comment: Comment
  documentId: string
  /** Chairs decide and reopen right from the list. */
  canResolve: boolean
  columnCount: number
  onUpdated: (c: Comment) => void
  onAnnounce: (message: string) => void
}

/** One comment in the dashboard list, and the chair's decision form under it when open. */
export function CommentRow({ comment: c, documentId, canResolve, columnCount, onUpdated, onAnnounce }: Props) {
  const [resolving, setResolving] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // After deciding or cancelling, the keyboard stays on this row's action button (Reopen or Resolve…).
  const actionRef = useRef<HTMLButtonElement>(null)
  const [returnFocus, setReturnFocus] = useState(false)
  useEffect(() => {
    if (!returnFocus) return
    actionRef.current?.focus()
    setReturnFocus(false)
  }, [returnFocus])
  const closeForm = () => {
    setResolving(false)
    setReturnFocus(true)
  }

  const run = async (call: () => Promise<Comment>, done: (c: Comment) => string) => {
    setBusy(true)
    setError(null)
    try {
      const updated = await call()
      onUpdated(updated)
      closeForm()
      onAnnounce(done(updated))
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setBusy(false)
    }
  }
  const resolve = (disposition: Disposition, note: string) =>
    void run(
      () => commentApi.resolve(documentId, c.id, disposition, note),
      () => `${c.id} resolved: ${DISPOSITION_LABEL[disposition]}.`,
    )
  const reopen = () => void run(() => commentApi.reopen(documentId, c.id), () => `${c.id} reopened.`)

  return (
    <>
      <tr className={`comment-row status-${c.status}${resolving ? ' resolving' : ''}`} data-test="comment-row" data-comment-id={c.id}>
        <th scope="row" className="cell-id">
          <Link
            href={`/d/${documentId}?comment=${encodeURIComponent(c.id)}`}
            className="comment-id"
            title={`Open ${c.id} in the draft`}
            data-test="row-open"
          >
            {c.id}
          </Link>
        </th>
        <td className="cell-org" data-label={COLUMN_LABEL.org}>
          <abbr className="org-code" title={orgTitle(c.author.org)}>
            {c.author.org}
          </abbr>
          <div className="muted cell-author">{c.author.name}</div>
        </td>
        <td className="cell-location" data-label={COLUMN_LABEL.location}>
          {formatPlace(c.place)}
          {c.anchorState === 'orphaned' && <div className="orphan-note">text removed</div>}
          {c.needsAnchoring && <div className="orphan-note">needs anchoring</div>}
        </td>
        <td className="cell-type" data-label={COLUMN_LABEL.type}>
          <span className={`type-badge type-${c.type}`} title={`${TYPE_LABEL[c.type]} (${TYPE_SHORT[c.type]})`}>
            {TYPE_LABEL[c.type]}
          </span>
        </td>
        <td className="cell-comment" data-label={COLUMN_LABEL.comment}>
          {c.scope === 'text' && c.quote && <blockquote className="quote row-quote">{c.quote}</blockquote>}
          <p className="row-body">{c.body}</p>
          {c.proposedChange !== undefined && (
            <p className="row-proposal">
              <span className="label">Proposed change:</span> {c.proposedChange || '(delete the text)'}
            </p>
          )}
          {c.replies.length > 0 && (
            <p className="muted row-replies">
              {c.replies.length} {c.replies.length === 1 ? 'reply' : 'replies'}
            </p>
          )}
        </td>
        <td className="cell-status" data-label={COLUMN_LABEL.status}>
          <span className={`status-badge status-${c.status}`} data-test="row-status">
            {STATUS_LABEL[c.status]}
          </span>
          {c.resolution && (
            <div className="row-resolution">
              <strong data-test="row-disposition">{DISPOSITION_LABEL[c.resolution.disposition]}</strong>
              {c.resolution.note && <p className="row-note">{c.resolution.note}</p>}
              <div className="muted" data-test="row-decided-by">
                {decisionSource(c.resolution)}
              </div>
            </div>
          )}
        </td>
        {canResolve && (
          <td className="cell-actions">
            {c.status === 'open' && !resolving && (
              <button
                type="button"
                ref={actionRef}
                onClick={() => (setError(null), setResolving(true))} aria-label={`Resolve ${c.id}`} data-test="resolve-button">
                Resolve…
              </button>
            )}
            {c.status === 'resolved' && (
              <button type="button" ref={actionRef} disabled={busy} onClick={reopen} aria-label={`Reopen ${c.id}`} data-test="reopen-button">
                Reopen
              </button>
            )}
            {error && !resolving && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
          </td>
        )}
      </tr>
      {resolving && c.status === 'open' && (
        <tr className="resolve-row" data-comment-id={c.id}>
          <td colSpan={columnCount}>
            <DecisionForm className="row-resolve-form" commentId={c.id} busy={busy} error={error} onSubmit={resolve} onCancel={closeForm} />
          </td>
        </tr>
      )}
    </>
  )
}
