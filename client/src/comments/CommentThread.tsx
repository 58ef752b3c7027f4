import { type FormEvent, memo, useEffect, useRef, useState } from 'react'
import { allows, commentFacts } from '../../../shared/policy'
import type { Comment, Disposition, HistoryEntry, Me } from '../../../shared/types'
import type { Translate } from '../../../shared/i18n/translator'
import { useLocale } from '../i18n/useLocale'
import { decisionSource, nameAndOrg, statusBadge } from '../ui/labels'
import { PersonTag } from '../ui/PersonTag'
import { SubmitOrCancel } from '../ui/SubmitOrCancel'
import { submitOnCtrlEnter } from '../ui/submitOnCtrlEnter'
import { commentApi } from './commentApi'
import { CommentAuthors } from './CommentAuthors'
import { type CommentEdit, CommentEditForm } from './CommentEditForm'
import { DecisionForm } from './DecisionForm'
import { ProposalBlock } from '../proposals/ProposalBlock'
import type { ProposalActions } from '../proposals/useProposalActions'
import { StanceButtons } from '../delegation/StanceButtons'
import { MentionTextarea } from '../notifications/MentionTextarea'

/**
 * One line of a comment's history: who did what, with what the entry adds (a decision's disposition,
 * the words a re-anchored comment was on, the draft merged in, the id it had as a draft).
 */
function historyLine(t: Translate, h: HistoryEntry): string {
  const detail =
    h.action === 'resolved' && h.detail
      ? t(`disposition.${h.detail as Disposition}`, { defaultValue: h.detail })
      : h.detail ?? ''
  return t(`thread.history.${h.action}`, { who: nameAndOrg(h.by), detail, ...(h.detail ? { context: 'detail' } : {}), defaultValue: `${nameAndOrg(h.by)} ${h.action}` })
}

interface Props {
  comment: Comment
  me: Me
  documentId: string
  active: boolean
  onActivate: (commentId: string) => void
  onUpdated: (c: Comment) => void
  /** Comments gone from the record (a delegation's draft, discarded). */
  onRemoved: (comments: readonly Comment[]) => void
  /** Attaches the comment to the current selection (editors and chairs, for orphaned comments). */
  onReanchor?: (c: Comment) => Promise<void>
  /** Apply and Revert as the person's own edits (in the editor). */
  proposals?: ProposalActions | null
}

function useAction(onUpdated: (c: Comment) => void) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = async (fn: () => Promise<Comment | void>) => {
    setBusy(true)
    setError(null)
    try {
      const c = await fn()
      if (c) onUpdated(c)
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, run }
}

/** One comment thread: the comment, its replies and history, and what the viewer may do with it. */
/** Memoized: a draft may show thousands of threads, and only the changed ones should re-render. */
export const CommentThread = memo(function CommentThread({ comment: c, me, documentId, active, onActivate, onUpdated, onRemoved, onReanchor, proposals }: Props) {
  const { t, dateTime: when, place } = useLocale()
  const { busy, error, run } = useAction(onUpdated)
  const [mode, setMode] = useState<'view' | 'reply' | 'edit' | 'resolve'>('view')
  // Keyboard users land back on "Edit" when the edit form closes, not at the top of the page.
  const editButton = useRef<HTMLButtonElement>(null)
  const wasEditing = useRef(false)
  useEffect(() => {
    if (mode === 'edit') wasEditing.current = true
    else if (wasEditing.current) {
      wasEditing.current = false
      editButton.current?.focus()
    }
  }, [mode])
  const [draft, setDraft] = useState('')
  const [showHistory, setShowHistory] = useState(false)
  const onThis = { comment: commentFacts(c) }
  const canReply = allows(me, 'comment.reply', onThis)
  const isDraft = c.status === 'draft'
  // Decided and withdrawn comments fold away; open ones and the delegation's drafts still need work.
  const collapsed = c.status !== 'open' && !isDraft && !active

  const submitReply = (e: FormEvent) => {
    e.preventDefault()
    void run(async () => {
      const updated = await commentApi.reply(documentId, c.id, draft)
      setDraft('')
      setMode('view')
      return updated
    })
  }
  // A draft is deleted rather than withdrawn: the server says which it did.
  const withdraw = () =>
    void run(async () => {
      const result = await commentApi.withdraw(documentId, c.id)
      if (!('discarded' in result)) return result
      onRemoved([c])
      return undefined
    })
  const confirmWithdraw = isDraft ? t('thread.confirmDiscard', { id: c.id }) : t('thread.confirmWithdraw', { id: c.id })
  const saveEdit = (edit: CommentEdit) =>
    void run(async () => {
      const updated = await commentApi.edit(documentId, c.id, edit)
      setMode('view')
      return updated
    })

  return (
    <article
      className={`thread card status-${c.status}${active ? ' active' : ''}${collapsed ? ' collapsed' : ''}`}
      data-test="comment-thread"
      data-comment-id={c.id}
      aria-label={t(isDraft ? 'thread.labelDraft' : 'thread.label', { id: c.id, name: c.author.name, org: c.author.org })}
      onClick={() => onActivate(c.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target === e.currentTarget) onActivate(c.id)
      }}
      tabIndex={0}
    >
      <header className="thread-head">
        <span className="comment-id">{c.id}</span>
        <span className={`type-badge type-${c.type}`}>{t(`commentType.${c.type}`)}</span>
        <span className={`status-badge status-${c.status}`} data-test="comment-status">
          {statusBadge(t, c)}
        </span>
      </header>
      <div className="thread-meta">
        <CommentAuthors comment={c} />
        <span className="muted">{when(c.createdAt)}</span>
      </div>
      <div className="locator" data-test="comment-locator">
        {place(c.place)}
        {c.anchorState === 'orphaned' && <span className="orphan-note"> · {t('thread.textRemoved')}</span>}
        {c.needsAnchoring && <span className="orphan-note"> · {t('thread.needsAnchoring')}</span>}
      </div>
      {c.scope === 'text' && c.quote && (
        <blockquote className={`quote${c.anchorState === 'orphaned' ? ' removed' : ''}`} dir="auto">
          {c.quote}
        </blockquote>
      )}
      {!collapsed && (
        <>
          {mode === 'edit' ? (
            <CommentEditForm comment={c} busy={busy} onSave={saveEdit} onCancel={() => setMode('view')} />
          ) : (
            <p className="comment-body" dir="auto" data-test="comment-body">
              {c.body}
            </p>
          )}
          {c.proposedChange !== undefined && <ProposalBlock comment={c} me={me} documentId={documentId} proposals={proposals ?? null} onUpdated={onUpdated} />}
          {isDraft && (
            <StanceButtons
              comment={c}
              viewerId={me.id}
              canTakeStance={allows(me, 'comment.support', onThis)}
              busy={busy}
              onChoose={(stance) => void run(() => commentApi.stance(documentId, c.id, stance))}
            />
          )}
          {c.submittedBy && c.submittedAt && (
            <p className="muted submitted-note" data-test="comment-submitted">
              {t('thread.submittedBy', { who: nameAndOrg(c.submittedBy), date: when(c.submittedAt) })}
            </p>
          )}
          {c.resolution && (
            <div className="resolution" data-test="comment-resolution">
              <strong>{t(`disposition.${c.resolution.disposition}`)}</strong>
              {c.resolution.note && <p dir="auto">{c.resolution.note}</p>}
              <p className="muted">
                {decisionSource(t, c.resolution)}, {when(c.resolution.at)}
              </p>
            </div>
          )}
          {c.replies.length > 0 && (
            <ol className="replies">
              {c.replies.map((r) => (
                <li key={r.id} data-test="comment-reply">
                  <PersonTag name={r.author.name} org={r.author.org} />
                  <span className="muted"> {when(r.createdAt)}</span>
                  <p dir="auto">{r.body}</p>
                </li>
              ))}
            </ol>
          )}
          {mode === 'reply' && (
            <form onSubmit={submitReply} onKeyDown={submitOnCtrlEnter} className="thread-form" onClick={(e) => e.stopPropagation()}>
              <MentionTextarea value={draft} onChange={(e) => setDraft(e.target.value)} rows={3} aria-label={t('thread.reply')} autoFocus data-test="reply-body" />
              <SubmitOrCancel label={t('thread.reply')} disabled={busy || !draft.trim()} onCancel={() => setMode('view')} test="reply-submit" />
            </form>
          )}
          {mode === 'resolve' && (
            <DecisionForm
              className="resolve-form"
              commentId={c.id}
              busy={busy}
              error={null}
              onCancel={() => setMode('view')}
              onSubmit={(d, note) =>
                void run(async () => {
                  const updated = await commentApi.resolve(documentId, c.id, d, note)
                  setMode('view')
                  return updated
                })
              }
            />
          )}
          {mode === 'view' && (
            <div className="thread-actions" onClick={(e) => e.stopPropagation()}>
              {canReply && (
                <button className="link-button" onClick={() => (setDraft(''), setMode('reply'))} data-test="reply-button">
                  {t('thread.reply')}
                </button>
              )}
              {allows(me, 'comment.edit', onThis) && (
                <>
                  <button ref={editButton} className="link-button" onClick={() => setMode('edit')} data-test="edit-button">
                    {t('thread.edit')}
                  </button>
                  <button className="link-button" onClick={() => window.confirm(confirmWithdraw) && withdraw()} data-test="withdraw-button">
                    {isDraft ? t('thread.discard') : t('thread.withdraw')}
                  </button>
                </>
              )}
              {allows(me, 'comment.reanchor', onThis) && onReanchor && (c.anchorState === 'orphaned' || c.needsAnchoring) && (
                <button className="link-button" disabled={busy} onClick={() => void run(() => onReanchor(c))} data-test="reanchor-button">
                  {t('thread.attach')}
                </button>
              )}
              {allows(me, 'comment.decide', onThis) && c.status === 'open' && (
                <button className="link-button" onClick={() => setMode('resolve')} data-test="resolve-button">
                  {t('thread.resolve')}
                </button>
              )}
              {allows(me, 'comment.reopen', onThis) && (
                <button className="link-button" disabled={busy} onClick={() => void run(() => commentApi.reopen(documentId, c.id))} data-test="reopen-button">
                  {t('thread.reopen')}
                </button>
              )}
              <button className="link-button" onClick={() => setShowHistory((v) => !v)} aria-expanded={showHistory}>
                {t('thread.historyButton', { count: c.history.length })}
              </button>
            </div>
          )}
          {showHistory && (
            <ol className="history" data-test="comment-history">
              {c.history.map((h, i) => (
                <li key={i}>
                  {historyLine(t, h)} · {when(h.at)}
                </li>
              ))}
            </ol>
          )}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </>
      )}
    </article>
  )
})
