import { useId, useState } from 'react'
import { codedErrorText } from '../../../shared/i18n/errorText'
import { useLocale } from '../i18n/useLocale'
import { allows, can, commentFacts, type PolicyContext } from '../../../shared/policy'
import type { Comment, Me, SubmissionReceipt } from '../../../shared/types'
import { commentApi } from '../comments/commentApi'
import { DraftsTable } from './DraftsTable'
import { MergeDraftsForm } from './MergeDraftsForm'
import { SubmissionReceiptView } from './SubmissionReceiptView'

interface Props {
  documentId: string
  draftTitle: string
  me: Me
  /** The delegation's drafts, in document order. */
  drafts: readonly Comment[]
  /** The draft's phase and the time: submitting is possible only while comments are open. */
  context: PolicyContext
  onUpdated: (c: Comment) => void
  onRemoved: (comments: readonly Comment[]) => void
  onShow: (id: string) => void
  onClose: () => void
}

/**
 * The focal point's desk: the delegation's drafts, all selected to begin with; submit the selected ones
 * (then the receipt, to keep), or merge two of them into one. After the comment period it says that
 * these drafts were not submitted.
 */
export function DelegationDraftsPanel({ documentId, draftTitle, me, drafts, context, onUpdated, onRemoved, onShow, onClose }: Props) {
  const { t, language } = useLocale()
  // Drafts left out, rather than those chosen: drafts written while the panel is open are chosen too.
  const [leftOut, setLeftOut] = useState<ReadonlySet<string>>(() => new Set())
  const [receipt, setReceipt] = useState<SubmissionReceipt | null>(null)
  const [merging, setMerging] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [status, setStatus] = useState('')
  const headingId = useId()
  const mergeHintId = useId()

  const selected = drafts.filter((d) => !leftOut.has(d.id))
  const selectedIds = new Set(selected.map((d) => d.id))
  const select = (ids: readonly string[], on: boolean) =>
    setLeftOut((current) => {
      const next = new Set(current)
      for (const id of ids) {
        if (on) next.delete(id)
        else next.add(id)
      }
      return next
    })

  const submitting = can(me, 'comment.submit', context)
  // The later of two drafts goes into the earlier one, which keeps its id, place and first author.
  const pair = selected.length === 2 ? [...selected].sort((a, b) => a.createdAt.localeCompare(b.createdAt)) : null
  const canMerge = pair !== null && allows(me, 'comment.merge', { ...context, comment: commentFacts(pair[0]!) })

  const act = async (fn: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    setStatus('')
    try {
      await fn()
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setBusy(false)
    }
  }
  const submit = () => {
    const question = t('delegation.confirmSubmit', { count: selected.length, org: me.org })
    if (!window.confirm(question)) return
    void act(async () => {
      const done = await commentApi.submit(
        documentId,
        selected.map((d) => d.id),
      )
      onRemoved(selected)
      setReceipt(done)
    })
  }
  const merge = (body: string) =>
    void act(async () => {
      const [into, from] = pair!
      const merged = await commentApi.merge(documentId, into!.id, { from: from!.id, body })
      onUpdated(merged)
      onRemoved([from!])
      setMerging(false)
      setStatus(t('delegation.merged', { from: from!.id, into: into!.id }))
    })

  return (
    <section className="delegation-panel card" aria-labelledby={headingId} data-test="delegation-panel">
      <header className="versions-head">
        <h2 id={headingId}>{t('delegation.heading', { org: me.org })}</h2>
        <button type="button" className="link-button" onClick={onClose}>
          {t('common.close')}
        </button>
      </header>
      {receipt && <SubmissionReceiptView receipt={receipt} draftTitle={draftTitle} onDone={() => setReceipt(null)} />}
      {!submitting.allowed && drafts.length > 0 && (
        <p className="notice" role="status" data-test="delegation-closed">
          {codedErrorText(t, language, submitting)}{' '}
          {submitting.code === 'phase.commentsClosed' ? t('delegation.notSubmitted', { count: drafts.length }) : t('delegation.cannotSubmit')}
        </p>
      )}
      {drafts.length === 0 ? (
        !receipt && <p className="muted">{t('delegation.none')}</p>
      ) : (
        <>
          <p className="muted delegation-intro">{t('delegation.intro', { org: me.org })}</p>
          <DraftsTable drafts={drafts} selected={selectedIds} onSelect={select} onShow={onShow} />
          {merging && pair ? (
            <MergeDraftsForm key={pair.map((d) => d.id).join()} into={pair[0]!} from={pair[1]!} busy={busy} onMerge={merge} onCancel={() => setMerging(false)} />
          ) : (
            <div className="form-actions">
              <button type="button" className="primary" disabled={busy || !submitting.allowed || selected.length === 0} onClick={submit} data-test="submit-drafts">
                {busy ? t('delegation.submitting') : t('delegation.submitSelected', { count: selected.length })}
              </button>
              <button type="button" disabled={busy || !canMerge} onClick={() => setMerging(true)} aria-describedby={mergeHintId} data-test="merge-drafts">
                {t('delegation.merge')}
              </button>
              <small id={mergeHintId} className="merge-hint">
                {t('delegation.mergeHint')}
              </small>
            </div>
          )}
        </>
      )}
      <p role="status" className="muted delegation-status" data-test="delegation-status">
        {status}
      </p>
      {error && (
        <p className="error" role="alert" data-test="delegation-error">
          {error}
        </p>
      )}
    </section>
  )
}
