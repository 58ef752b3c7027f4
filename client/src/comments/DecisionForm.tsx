import { useId, useState } from 'react'
import { DISPOSITIONS, DISPOSITIONS_NEEDING_REASON, type Disposition } from '../../../shared/types'
import { DISPOSITION_LABEL } from '../ui/labels'
import { SubmitOrCancel } from '../ui/SubmitOrCancel'

interface Props {
  commentId: string
  busy: boolean
  error: string | null
  onSubmit: (disposition: Disposition, note: string) => void
  onCancel: () => void
  /** Dashboard rows (a table cell) or a thread beside the draft. */
  className: string
}

/**
 * The chair's decision on one comment: no disposition is chosen until the chair chooses one, and "Not
 * accepted" and "Accepted with modification" need observations (the reason), as the server requires.
 */
export function DecisionForm({ commentId, busy, error, onSubmit, onCancel, className }: Props) {
  const [disposition, setDisposition] = useState<Disposition | ''>('')
  const [note, setNote] = useState('')
  const headingId = useId()
  const noteId = useId()
  const needsReason = disposition !== '' && DISPOSITIONS_NEEDING_REASON.has(disposition)
  const missingReason = needsReason && note.trim() === ''
  return (
    <form
      className={className}
      aria-labelledby={headingId}
      data-test="resolve-form"
      onSubmit={(e) => {
        e.preventDefault()
        if (disposition !== '' && !missingReason) onSubmit(disposition, note)
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel()
      }}
      onClick={(e) => e.stopPropagation()}
    >
      <h3 id={headingId} className="visually-hidden">
        Decide on {commentId}
      </h3>
      <label>
        Decision
        <select value={disposition} onChange={(e) => setDisposition(e.target.value as Disposition | '')} required autoFocus data-test="resolve-disposition">
          <option value="" disabled>
            Choose a decision…
          </option>
          {DISPOSITIONS.map((d) => (
            <option key={d} value={d}>
              {DISPOSITION_LABEL[d]}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={noteId}>Observations{needsReason ? ' (required: the reason)' : ''}</label>
      <textarea id={noteId} value={note} onChange={(e) => setNote(e.target.value)} rows={2} required={needsReason} aria-invalid={missingReason} data-test="resolve-note" />
      {missingReason && (
        <p className="muted" data-test="resolve-reason-hint">
          Say why: the delegation sees the reason with the decision.
        </p>
      )}
      <SubmitOrCancel label={busy ? 'Resolving…' : `Resolve ${commentId}`} disabled={busy || disposition === '' || missingReason} onCancel={onCancel} test="resolve-submit" />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
