import { useId, useState } from 'react'
import { DISPOSITIONS, DISPOSITIONS_NEEDING_REASON, type Disposition } from '../../../shared/types'
import { useLocale } from '../i18n/useLocale'
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
  const { t } = useLocale()
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
        {t('decision.decideOn', { id: commentId })}
      </h3>
      <label>
        {t('decision.decision')}
        <select value={disposition} onChange={(e) => setDisposition(e.target.value as Disposition | '')} required autoFocus data-test="resolve-disposition">
          <option value="" disabled>
            {t('decision.choose')}
          </option>
          {DISPOSITIONS.map((d) => (
            <option key={d} value={d}>
              {t(`disposition.${d}`)}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={noteId}>{needsReason ? t('decision.observationsRequired') : t('decision.observations')}</label>
      <textarea id={noteId} dir="auto" value={note} onChange={(e) => setNote(e.target.value)} rows={2} required={needsReason} aria-invalid={missingReason} data-test="resolve-note" />
      {missingReason && (
        <p className="muted" data-test="resolve-reason-hint">
          {t('decision.sayWhy')}
        </p>
      )}
      <SubmitOrCancel label={busy ? t('decision.resolving') : t('decision.resolve', { id: commentId })} disabled={busy || disposition === '' || missingReason} onCancel={onCancel} test="resolve-submit" />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
