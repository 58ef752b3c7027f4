import { useState } from 'react'
import { I18nextProvider } from 'react-i18next'
import { createTranslations } from '../../shared/i18n/translator'
import { useSession } from './api/session'
import { CLIENT_CATALOGUES } from './i18n/catalogues'
import { initialLanguage } from './i18n/languageChoice'
import { useLanguageChoice } from './i18n/useLanguageChoice'
import { useLocale } from './i18n/useLocale'
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

/** The app in the reader's language: the translations are made once for the page's lifetime. */
export function App() {
  const [translations] = useState(() => createTranslations(CLIENT_CATALOGUES, initialLanguage()))
  return (
    <I18nextProvider i18n={translations}>
      <Pages translations={translations} />
    </I18nextProvider>
  )
}

/** Routes to pages; signed-out visitors get the sign-in page, which explains how to get a link. */
function Pages({ translations }: { translations: ReturnType<typeof createTranslations> }) {
  const route = useRoute()
  const session = useSession()
  const { t } = useLocale()
  const me = session.state.status === 'signed-in' ? session.state.me : null
  const chooseLanguage = useLanguageChoice(translations, me, session.setMe)

  if (route.page === 'signin' || session.state.status === 'signed-out') {
    return <SignInPage onSignedIn={session.setMe} onLanguage={chooseLanguage} />
  }
  if (session.state.status === 'loading') {
    return (
      <div className="page-loading" role="status">
        {t('app.loading')}
      </div>
    )
  }
  if (session.state.status === 'error' || !me) {
    return (
      <div className="page-error" role="alert">
        <p>{session.state.status === 'error' ? session.state.message : null}</p>
        <button onClick={() => void session.refresh()}>{t('app.tryAgain')}</button>
      </div>
    )
  }
  return (
    <div className="app">
      <SkipLink toDraft={route.page === 'editor'} />
      <AppHeader me={me} onSignOut={() => void session.signOut()} onLanguage={chooseLanguage} />
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
