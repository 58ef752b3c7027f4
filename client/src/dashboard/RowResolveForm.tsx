import { useId, useState } from 'react'
import { DISPOSITIONS, type Comment, type Disposition } from '../../../shared/types'
import { DISPOSITION_LABEL } from '../ui/labels'
import { choicesOf, LabeledSelect } from './LabeledSelect'

interface Props {
  comment: Comment
  busy: boolean
  error: string | null
  onSubmit: (disposition: Disposition, note: string) => void
  onCancel: () => void
}

/** The chair's decision on one comment, opened under its row: disposition and observations. */
export function RowResolveForm({ comment, busy, error, onSubmit, onCancel }: Props) {
  const [disposition, setDisposition] = useState<Disposition>('accepted')
  const [note, setNote] = useState('')
  const headingId = useId()
  return (
    <form
      className="row-resolve-form"
      aria-labelledby={headingId}
      data-test="resolve-form"
      onSubmit={(e) => {
        e.preventDefault()
        onSubmit(disposition, note)
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel()
      }}
    >
      <h3 id={headingId} className="visually-hidden">
        Decide on {comment.id}
      </h3>
      <LabeledSelect
        label="Disposition"
        value={disposition}
        choices={choicesOf(DISPOSITIONS, DISPOSITION_LABEL)}
        onChange={setDisposition}
        autoFocus
        dataTest="resolve-disposition"
      />
      <label className="row-resolve-note">
        Observations
        <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} data-test="resolve-note" />
      </label>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-test="resolve-submit">
          {busy ? 'Resolving…' : `Resolve ${comment.id}`}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
