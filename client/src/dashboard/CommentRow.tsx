import { useEffect, useRef, useState } from 'react'
import type { Comment, Disposition } from '../../../shared/types'
import { TYPE_ABBREVIATIONS } from '../../../shared/commentTable'
import { commentApi } from '../comments/commentApi'
import { useLocale } from '../i18n/useLocale'
import { Link } from '../routing/Link'
import { decisionSource } from '../ui/labels'
import { DecisionForm } from '../comments/DecisionForm'
import { columnLabels } from './commentColumns'

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
  const { t, orgTitle, place } = useLocale()
  const COLUMN_LABEL = columnLabels(t)
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
      () => t('dashboard.row.resolved', { id: c.id, disposition: t(`disposition.${disposition}`) }),
    )
  const reopen = () => void run(() => commentApi.reopen(documentId, c.id), () => t('dashboard.row.reopened', { id: c.id }))

  return (
    <>
      <tr className={`comment-row status-${c.status}${resolving ? ' resolving' : ''}`} data-test="comment-row" data-comment-id={c.id}>
        <th scope="row" className="cell-id">
          <Link
            href={`/d/${documentId}?comment=${encodeURIComponent(c.id)}`}
            className="comment-id"
            title={t('dashboard.row.open', { id: c.id })}
            data-test="row-open"
          >
            {c.id}
          </Link>
        </th>
        <td className="cell-org" data-label={COLUMN_LABEL.org}>
          <abbr className="org-code" title={orgTitle(c.author.org)}>
            {c.author.org}
          </abbr>
          <div className="muted cell-author" dir="auto">
            {c.author.name}
          </div>
        </td>
        <td className="cell-location" data-label={COLUMN_LABEL.location}>
          {place(c.place)}
          {c.anchorState === 'orphaned' && <div className="orphan-note">{t('thread.textRemoved')}</div>}
          {c.needsAnchoring && <div className="orphan-note">{t('thread.needsAnchoring')}</div>}
        </td>
        <td className="cell-type" data-label={COLUMN_LABEL.type}>
          <span className={`type-badge type-${c.type}`} title={`${t(`commentType.${c.type}`)} (${TYPE_ABBREVIATIONS[c.type]})`}>
            {t(`commentType.${c.type}`)}
          </span>
        </td>
        <td className="cell-comment" data-label={COLUMN_LABEL.comment}>
          {c.scope === 'text' && c.quote && (
            <blockquote className="quote row-quote" dir="auto">
              {c.quote}
            </blockquote>
          )}
          <p className="row-body" dir="auto">
            {c.body}
          </p>
          {c.proposedChange !== undefined && (
            <p className="row-proposal">
              <span className="label">{t('proposals.proposedChangeColon')}</span> <span dir="auto">{c.proposedChange || t('proposals.deleteText')}</span>
            </p>
          )}
          {c.replies.length > 0 && <p className="muted row-replies">{t('dashboard.row.replies', { count: c.replies.length })}</p>}
        </td>
        <td className="cell-status" data-label={COLUMN_LABEL.status}>
          <span className={`status-badge status-${c.status}`} data-test="row-status">
            {t(`status.${c.status}`)}
          </span>
          {c.resolution && (
            <div className="row-resolution">
              <strong data-test="row-disposition">{t(`disposition.${c.resolution.disposition}`)}</strong>
              {c.resolution.note && (
                <p className="row-note" dir="auto">
                  {c.resolution.note}
                </p>
              )}
              <div className="muted" data-test="row-decided-by">
                {decisionSource(t, c.resolution)}
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
                onClick={() => (setError(null), setResolving(true))} aria-label={t('decision.resolve', { id: c.id })} data-test="resolve-button">
                {t('thread.resolve')}
              </button>
            )}
            {c.status === 'resolved' && (
              <button type="button" ref={actionRef} disabled={busy} onClick={reopen} aria-label={t('dashboard.row.reopen', { id: c.id })} data-test="reopen-button">
                {t('thread.reopen')}
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
