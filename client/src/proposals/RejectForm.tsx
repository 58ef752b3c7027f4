import { type FormEvent, useState } from 'react'
import { useLocale } from '../i18n/useLocale'
import { submitOnCtrlEnter } from '../ui/submitOnCtrlEnter'

/** Reject a proposal: it is decided Not accepted, with the reason standards bodies require. */
export function RejectForm({ commentId, onReject, onCancel }: { commentId: string; onReject: (reason: string) => Promise<void>; onCancel: () => void }) {
  const { t } = useLocale()
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await onReject(reason.trim())
    } catch (err) {
      setError((err as Error).message)
      setBusy(false)
    }
  }
  return (
    <form className="reject-form" onSubmit={(e) => void submit(e)} onKeyDown={submitOnCtrlEnter} aria-label={t('proposals.rejectLabel', { id: commentId })} data-test="reject-form">
      <label htmlFor={`reject-${commentId}`}>{t('proposals.why')}</label>
      <textarea id={`reject-${commentId}`} dir="auto" value={reason} onChange={(e) => setReason(e.target.value)} required rows={2} autoFocus data-test="reject-reason" />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || !reason.trim()} data-test="reject-confirm">
          {busy ? t('proposals.deciding') : t('disposition.not-accepted')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  )
}
