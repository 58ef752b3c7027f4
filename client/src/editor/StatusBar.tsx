import { useLocale } from '../i18n/useLocale'
import { closedReasonText } from './closedReason'
import type { DocumentSession } from './DocumentSession'
import { useSessionState } from './useDocumentSession'

/**
 * Connection state and whether the server has confirmed every edit is on disk; the second only for
 * those who can edit (to a reader, "All changes saved" suggests changes of their own).
 */
export function StatusBar({ session, showSave }: { session: DocumentSession; showSave: boolean }) {
  const { t } = useLocale()
  const state = useSessionState(session, (s) => s, session.state)
  const save =
    state.save === 'saved'
      ? t('connection.saved')
      : state.save === 'failed'
        ? t('connection.failed')
        : state.connection === 'connected'
          ? t('connection.saving')
          : t('connection.unsaved')
  return (
    <div className="status-bar" role="status" aria-live="polite">
      <span className={`connection connection-${state.connection}`} data-test="connection-state" data-state={state.connection}>
        {state.closedReason
          ? t('connection.closedBecause', { reason: closedReasonText(t, state.closedReason) })
          : t(`connection.state.${state.connection}`)}
      </span>
      {showSave && (
        <span className={`save save-${state.save}`} data-test="save-state">
          {save}
        </span>
      )}
    </div>
  )
}
