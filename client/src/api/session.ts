import { useCallback, useEffect, useState } from 'react'
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

  const refresh = useCallback(async () => {
    try {
      setState({ status: 'signed-in', me: await api<Me>('/me') })
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setState({ status: 'signed-out' })
      else setState({ status: 'error', message: (err as Error).message })
    }
  }, [])

  const signOut = useCallback(async () => {
    await api('/auth/signout', { method: 'POST' }).catch(() => undefined)
    setState({ status: 'signed-out' })
  }, [])

  useEffect(() => {
    void refresh()
  }, [refresh])

  return { state, refresh, signOut, setMe: (me: Me) => setState({ status: 'signed-in', me }) }
}
