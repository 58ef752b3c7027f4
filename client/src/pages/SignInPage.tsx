import { useEffect, useRef, useState } from 'react'
import { Trans } from 'react-i18next'
import type { Language } from '../../../shared/i18n/languages'
import type { Me } from '../../../shared/types'
import { api } from '../api/http'
import { LanguageSwitcher } from '../i18n/LanguageSwitcher'
import { useLocale } from '../i18n/useLocale'
import { navigate } from '../routing/router'

/**
 * Redeems a personal sign-in link (`/signin#<secret>`), or explains how to get one. The secret sits in
 * the URL fragment so it never reaches server logs, and is removed from the address bar at once. Says
 * nothing of the server's command line: the people who reach this page are delegates and members
 * following a link, and whoever runs the server gets the first chair's link printed when it starts.
 */
export function SignInPage({ onSignedIn, onLanguage }: { onSignedIn: (me: Me) => void; onLanguage: (language: Language) => void }) {
  const { t } = useLocale()
  const [state, setState] = useState<{ kind: 'idle' | 'working' | 'error'; message?: string }>({ kind: 'idle' })
  const started = useRef(false)

  useEffect(() => {
    const secret = location.hash.slice(1)
    if (!secret || started.current) return
    started.current = true
    const next = new URLSearchParams(location.search).get('next')
    history.replaceState(null, '', location.pathname + location.search)
    setState({ kind: 'working' })
    api<Me>('/auth/signin', { method: 'POST', body: { link: secret } }).then(
      (me) => {
        onSignedIn(me)
        navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', true)
      },
      (err: Error) => setState({ kind: 'error', message: err.message }),
    )
  }, [onSignedIn])

  return (
    <main className="signin">
      <div className="signin-card">
        <LanguageSwitcher onChange={onLanguage} className="signin-language" />
        <h1>
          <img src="/favicon.svg" alt="" width={32} height={32} /> Accord
        </h1>
        <p className="signin-lead">{t('signin.lead')}</p>
        {state.kind === 'working' && <p role="status">{t('signin.working')}</p>}
        {state.kind === 'error' && (
          <p className="error" role="alert" data-test="signin-error">
            {state.message}
          </p>
        )}
        {state.kind !== 'working' && (
          <>
            <h2>{t('signin.howTitle')}</h2>
            <p>
              <Trans i18nKey="signin.how" components={{ b: <strong /> }} />
            </p>
            <p>{t('signin.expired')}</p>
          </>
        )}
      </div>
    </main>
  )
}
