import type { ReactNode } from 'react'
import { useLocale } from '../i18n/useLocale'
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
  const { t } = useLocale()
  return (
    <div className="apply-preview" role="group" aria-label={t('proposals.applyLabel', { id: commentId })} data-test="apply-preview">
      {preview.ok ? (
        <>
          {preview.outdated && (
            <p className="outdated-note">{t('proposals.changedSince')}</p>
          )}
          <p>
            {t('proposals.now')}{' '}
            <del data-test="apply-before" dir="auto">
              {preview.before}
            </del>
          </p>
          <p>
            {t('proposals.after')}{' '}
            <ins data-test="apply-after" dir="auto">
              {preview.after || t('proposals.deleted')}
            </ins>
          </p>
          <p className="muted">{t('proposals.ownEdit')}</p>
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
            {busy ? t('proposals.applying') : preview.outdated ? t('proposals.applyAnyway') : t('proposals.apply')}
          </button>
        )}
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  )
}
