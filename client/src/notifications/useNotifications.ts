import { useCallback, useEffect, useRef, useState } from 'react'
import type { NotificationList } from '../../../shared/notifications'
import { api } from '../api/http'

/**
 * How often the bell asks for news. The server answers 304 (its ETag) while nothing changed, so asking
 * often costs little; a tab coming back into view asks at once.
 */
export const POLL_MS = 5_000

export interface Notifications {
  list: NotificationList | null
  /** Marks entries read (none named: all) and shows the list as it is then. */
  markRead(ids?: string[]): Promise<void>
}

/** The signed-in person's notifications, kept fresh by polling. */
export function useNotifications(): Notifications {
  const [list, setList] = useState<NotificationList | null>(null)
  const lastBody = useRef('')

  const refresh = useCallback(async () => {
    try {
      const fresh = await api<NotificationList>('/notifications')
      const body = JSON.stringify(fresh)
      // Re-render only on change: most answers are the same list (304 from the browser's cache).
      if (body !== lastBody.current) {
        lastBody.current = body
        setList(fresh)
      }
    } catch {
      // Offline or signed out: the bell keeps what it showed and asks again at the next tick.
    }
  }, [])

  useEffect(() => {
    void refresh()
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh()
    }, POLL_MS)
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh()
    }
    document.addEventListener('visibilitychange', onVisible)
    window.addEventListener('focus', onVisible)
    return () => {
      clearInterval(timer)
      document.removeEventListener('visibilitychange', onVisible)
      window.removeEventListener('focus', onVisible)
    }
  }, [refresh])

  const markRead = useCallback(
    async (ids?: string[]) => {
      await api('/notifications/read', { method: 'POST', body: ids ? { ids } : {} })
      await refresh()
    },
    [refresh],
  )

  return { list, markRead }
}
