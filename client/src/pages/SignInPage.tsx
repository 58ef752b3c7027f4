import { useEffect, useRef, useState } from 'react'
import type { Me } from '../../../shared/types'
import { api } from '../api/http'
import { navigate } from '../routing/router'

/**
 * Redeems a personal sign-in link (`/signin#<secret>`), or explains how to get one. The secret sits in
 * the URL fragment so it never reaches server logs, and is removed from the address bar at once. Says
 * nothing of the server's command line: the people who reach this page are delegates and members
 * following a link, and whoever runs the server gets the first chair's link printed when it starts.
 */
export function SignInPage({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
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
    <div className="signin">
      <div className="signin-card">
        <h1>
          <img src="/favicon.svg" alt="" width={32} height={32} /> Accord
        </h1>
        <p className="signin-lead">Drafting and comment resolution for committees.</p>
        {state.kind === 'working' && <p role="status">Signing you in…</p>}
        {state.kind === 'error' && (
          <p className="error" role="alert" data-test="signin-error">
            {state.message}
          </p>
        )}
        {state.kind !== 'working' && (
          <>
            <h2>How to sign in</h2>
            <p>
              Accord has no passwords. Each participant receives a <strong>personal sign-in link</strong> from the Task
              Force chair or the Secretariat. Open that link in this browser to sign in; it works once and expires after
              14 days.
            </p>
            <p>If your link has expired or was already used, ask the chair for a new one.</p>
          </>
        )}
      </div>
    </div>
  )
}
