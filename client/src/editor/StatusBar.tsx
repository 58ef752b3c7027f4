import type { DocumentSession, SessionSnapshot } from './DocumentSession'
import { useSessionState } from './useDocumentSession'

const CONNECTION_TEXT: Record<SessionSnapshot['connection'], string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  offline: 'Offline: your edits are kept and will be sent when the connection returns',
  closed: 'Disconnected',
}

/**
 * Connection state and whether the server has confirmed every edit is on disk; the second only for
 * those who can edit (to a reader, "All changes saved" suggests changes of their own).
 */
export function StatusBar({ session, showSave }: { session: DocumentSession; showSave: boolean }) {
  const state = useSessionState(session, (s) => s, session.state)
  const save =
    state.save === 'saved'
      ? 'All changes saved'
      : state.save === 'failed'
        ? 'Not saved: the server cannot write right now and keeps retrying. Keep this tab open.'
        : state.connection === 'connected'
          ? 'Saving…'
          : 'Unsaved changes'
  return (
    <div className="status-bar" role="status" aria-live="polite">
      <span className={`connection connection-${state.connection}`} data-test="connection-state">
        {state.closedReason ? `${CONNECTION_TEXT.closed}: ${state.closedReason}` : CONNECTION_TEXT[state.connection]}
      </span>
      {showSave && (
        <span className={`save save-${state.save}`} data-test="save-state">
          {save}
        </span>
      )}
    </div>
  )
}
