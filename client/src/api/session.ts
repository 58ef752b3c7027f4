import { useCallback, useEffect, useRef, useState } from 'react'
import type { Me } from '../../../shared/types'
import { ApiError, api } from './http'

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'error'; message: string }
  | { status: 'signed-in'; me: Me }

/** Who is signed in (GET /api/me), with refresh and sign-out. */
export function useSession() {
  const [state, setState] = useState<SessionState>({ status: 'loading' })
  // A sign-in can finish while an earlier /api/me is still on its way back with 401: answers to
  // requests older than the latest sign-in or refresh are ignored.
  const generation = useRef(0)

  const refresh = useCallback(async () => {
    const mine = ++generation.current
    try {
      const me = await api<Me>('/me')
      if (mine === generation.current) setState({ status: 'signed-in', me })
    } catch (err) {
      if (mine !== generation.current) return
      if (err instanceof ApiError && err.status === 401) setState({ status: 'signed-out' })
      else setState({ status: 'error', message: (err as Error).message })
    }
  }, [])

  const signOut = useCallback(async () => {
    await api('/auth/signout', { method: 'POST' }).catch(() => undefined)
    generation.current++
    setState({ status: 'signed-out' })
  }, [])

  useEffect(() => {
    void refresh()
  }, [refresh])

  const setMe = useCallback((me: Me) => {
    generation.current++
    setState({ status: 'signed-in', me })
  }, [])

  return { state, refresh, signOut, setMe }
}
