import { useEffect, useState } from 'react'

/**
 * The time (ms), renewed every `everyMs` while `ticking` (a countdown runs) and exactly at `wakeAt` (a
 * deadline), so what depends on the time changes when it should without a reload.
 */
export function useNow(ticking: boolean, everyMs: number, wakeAt?: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!ticking) return
    const timer = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(timer)
  }, [ticking, everyMs])
  useEffect(() => {
    if (wakeAt === undefined) return
    const wait = wakeAt - Date.now()
    if (wait < 0 || wait > 2 ** 31 - 1) return
    const timer = setTimeout(() => setNow(Date.now()), wait + 1)
    return () => clearTimeout(timer)
  }, [wakeAt])
  return now
}
