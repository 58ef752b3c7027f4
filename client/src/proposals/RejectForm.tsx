import { type FormEvent, useState } from 'react'
import { submitOnCtrlEnter } from '../ui/submitOnCtrlEnter'

/** Reject a proposal: it is decided Not accepted, with the reason standards bodies require. */
export function RejectForm({ commentId, onReject, onCancel }: { commentId: string; onReject: (reason: string) => Promise<void>; onCancel: () => void }) {
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
    <form className="reject-form" onSubmit={(e) => void submit(e)} onKeyDown={submitOnCtrlEnter} aria-label={`Reject the change proposed in ${commentId}`} data-test="reject-form">
      <label htmlFor={`reject-${commentId}`}>Why is it not accepted? (observations, required)</label>
      <textarea id={`reject-${commentId}`} value={reason} onChange={(e) => setReason(e.target.value)} required rows={2} autoFocus data-test="reject-reason" />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || !reason.trim()} data-test="reject-confirm">
          {busy ? 'Deciding…' : 'Not accepted'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
