import { useEffect, useState, useSyncExternalStore } from 'react'
import type { Role } from '../../../shared/types'
import { DocumentSession, type SessionSnapshot } from './DocumentSession'

/** Opens the draft's session for the lifetime of the page and follows its state. */
export function useDocumentSession(documentId: string, role: Role): { session: DocumentSession | null; state: SessionSnapshot | null } {
  const [session, setSession] = useState<DocumentSession | null>(null)
  useEffect(() => {
    const s = new DocumentSession(documentId, role)
    setSession(s)
    return () => s.destroy()
    // The role only seeds the session; later changes arrive over the socket.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [documentId])
  const state = useSyncExternalStore(
    (cb) => session?.subscribe(cb) ?? (() => undefined),
    () => session?.state ?? null,
  )
  return { session, state }
}

/** Re-renders when the session's comments change. */
export function useComments(session: DocumentSession | null) {
  return useSyncExternalStore(
    (cb) => session?.comments.subscribe(cb) ?? (() => undefined),
    () => session?.comments.all ?? EMPTY,
  )
}
const EMPTY: readonly never[] = []
