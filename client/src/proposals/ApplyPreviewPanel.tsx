import type { ReactNode } from 'react'
import type { ApplyPreview } from './useProposalActions'

interface Props {
  commentId: string
  preview: ApplyPreview
  busy: boolean
  onConfirm: () => void
  onCancel: () => void
  /** What else the same step may decide (the alternatives for the same words). */
  children?: ReactNode
}

/** What Apply will do, before it does it: the words now and the words after (or why it cannot). */
export function ApplyPreviewPanel({ commentId, preview, busy, onConfirm, onCancel, children }: Props) {
  return (
    <div className="apply-preview" role="group" aria-label={`Apply the change proposed in ${commentId}`} data-test="apply-preview">
      {preview.ok ? (
        <>
          {preview.outdated && (
            <p className="outdated-note">The words have changed since this was proposed: check that the change still fits.</p>
          )}
          <p>
            Now: <del data-test="apply-before">{preview.before}</del>
          </p>
          <p>
            After: <ins data-test="apply-after">{preview.after || '(deleted)'}</ins>
          </p>
          <p className="muted">The change is your own edit: Ctrl+Z takes it back.</p>
          {children}
        </>
      ) : (
        <p className="error" role="alert" data-test="apply-refused">
          {preview.message}
        </p>
      )}
      <div className="form-actions">
        {preview.ok && (
          <button type="button" className="primary" disabled={busy} onClick={onConfirm} autoFocus data-test="apply-confirm">
            {busy ? 'Applying…' : preview.outdated ? 'Apply anyway' : 'Apply'}
          </button>
        )}
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  )
}
