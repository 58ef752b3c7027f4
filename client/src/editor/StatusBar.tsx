import type { DocumentSession, SessionSnapshot } from './DocumentSession'
import { useSessionState } from './useDocumentSession'

const CONNECTION_TEXT: Record<SessionSnapshot['connection'], string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  offline: 'Offline: your edits are kept and will be sent when the connection returns',
  closed: 'Disconnected',
}

/** Connection state and whether the server has confirmed every edit is on disk. */
export function StatusBar({ session }: { session: DocumentSession }) {
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
      <span className={`save save-${state.save}`} data-test="save-state">
        {save}
      </span>
    </div>
  )
}
