import { useSession } from './api/session'
import { AppHeader } from './ui/AppHeader'
import { MAIN_ID, SkipLink } from './ui/SkipLink'
import { useRoute } from './routing/router'
import { DraftsPage } from './pages/DraftsPage'
import { EditorPage } from './pages/EditorPage'
import { DashboardPage } from './pages/DashboardPage'
import { ParticipantsPage } from './pages/ParticipantsPage'
import { SignInPage } from './pages/SignInPage'
import { NotFoundPage } from './pages/NotFoundPage'
import { VersionPage } from './pages/VersionPage'
import { ChangesPage } from './pages/ChangesPage'
import { ComparePage } from './pages/ComparePage'
import { SettingsPage } from './pages/SettingsPage'

/** Routes to pages; signed-out visitors get the sign-in page, which explains how to get a link. */
export function App() {
  const route = useRoute()
  const session = useSession()

  if (route.page === 'signin' || session.state.status === 'signed-out') {
    return <SignInPage onSignedIn={session.setMe} />
  }
  if (session.state.status === 'loading') {
    return <div className="page-loading" role="status">Loading…</div>
  }
  if (session.state.status === 'error') {
    return (
      <div className="page-error" role="alert">
        <p>{session.state.message}</p>
        <button onClick={() => void session.refresh()}>Try again</button>
      </div>
    )
  }
  const me = session.state.me
  return (
    <div className="app">
      <SkipLink toDraft={route.page === 'editor'} />
      <AppHeader me={me} onSignOut={() => void session.signOut()} />
      <main className="app-main" id={MAIN_ID} tabIndex={-1}>
        {route.page === 'drafts' && <DraftsPage me={me} />}
        {route.page === 'editor' && (
          <EditorPage
            key={route.documentId}
            me={me}
            documentId={route.documentId}
            focusCommentId={route.commentId}
            onRoleChanged={() => void session.refresh()}
          />
        )}
        {route.page === 'dashboard' && <DashboardPage key={route.documentId} me={me} documentId={route.documentId} />}
        {route.page === 'version' && <VersionPage key={route.versionId} documentId={route.documentId} versionId={route.versionId} />}
        {route.page === 'compare' && <ComparePage documentId={route.documentId} from={route.from} to={route.to} />}
        {route.page === 'changes' && <ChangesPage documentId={route.documentId} since={route.since} />}
        {route.page === 'participants' && <ParticipantsPage me={me} />}
        {route.page === 'settings' && <SettingsPage me={me} />}
        {route.page === 'not-found' && <NotFoundPage />}
      </main>
    </div>
  )
}
