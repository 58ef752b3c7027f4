import { useEffect, useState, useSyncExternalStore } from 'react'
import type { Role } from '../../../shared/types'
import { DocumentSession, type SessionSnapshot } from './DocumentSession'

/** Opens the draft's session for the lifetime of the page. */
export function useDocumentSession(documentId: string, role: Role): DocumentSession | null {
  const [session, setSession] = useState<DocumentSession | null>(null)
  // The role only seeds the session; later changes arrive over the socket.
  const [seedRole] = useState(role)
  useEffect(() => {
    const s = new DocumentSession(documentId, seedRole)
    setSession(s)
    return () => s.destroy()
  }, [documentId, seedRole])
  return session
}

/**
 * One field of the session's state; the component re-renders only when that field changes (the save
 * state flips on every keystroke, and a page with thousands of threads must not re-render for it).
 */
export function useSessionState<T>(session: DocumentSession | null, pick: (s: SessionSnapshot) => T, fallback: T): T {
  return useSyncExternalStore(
    (cb) => session?.subscribe(cb) ?? (() => undefined),
    () => (session ? pick(session.state) : fallback),
  )
}

/** Re-renders when the session's comments change. */
export function useComments(session: DocumentSession | null) {
  return useSyncExternalStore(
    (cb) => session?.comments.subscribe(cb) ?? (() => undefined),
    () => session?.comments.all ?? EMPTY,
  )
}
const EMPTY: readonly never[] = []
