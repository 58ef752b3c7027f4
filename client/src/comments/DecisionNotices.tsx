import { useLocale } from '../i18n/useLocale'
import { nameAndOrg } from '../ui/labels'
import type { DecisionNotice } from './useDecisionNotices'

/** Notices of decisions on the viewer's own comments, announced to screen readers as they arrive. */
export function DecisionNotices({ notices, onShow, onDismiss }: { notices: readonly DecisionNotice[]; onShow: (commentId: string) => void; onDismiss: (commentId: string) => void }) {
  const { t } = useLocale()
  return (
    <div className="decision-notices" role="status" aria-live="polite" data-test="decision-notices">
      {notices.map(({ commentId, resolution }) => (
        <div key={commentId} className="decision-notice card" data-test="decision-notice" data-comment-id={commentId}>
          <p>
            <strong>{t('notices.decided', { id: commentId, disposition: t(`disposition.${resolution.disposition}`) })}</strong>
            {resolution.imported ? t('notices.fromImport') : t('notices.by', { by: nameAndOrg(resolution.by) })}
          </p>
          {resolution.note && (
            <p className="decision-note">
              {t('notices.observations')} <span dir="auto">{resolution.note}</span>
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="link-button" onClick={() => onShow(commentId)}>
              {t('notices.show', { id: commentId })}
            </button>
            <button type="button" className="link-button" onClick={() => onDismiss(commentId)} aria-label={t('notices.dismissLabel', { id: commentId })}>
              {t('common.dismiss')}
            </button>
          </div>
        </div>
      ))}
    </div>
  )
}
