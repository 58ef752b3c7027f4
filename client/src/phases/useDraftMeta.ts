import { useEffect, useState } from 'react'
import type { DocumentMeta } from '../../../shared/types'
import { api } from '../api/http'
import type { DocumentSession } from '../editor/DocumentSession'
import { useSessionState } from '../editor/useDocumentSession'

/**
 * The draft's record (title, phase, consultation): loaded once, then as the server pushes it over the
 * live connection, so a new phase (a frozen text, a deadline) reaches the page at once.
 */
export function useDraftMeta(
  documentId: string,
  session: DocumentSession | null,
): { meta: DocumentMeta | null; error: string | null; changed: (meta: DocumentMeta) => void } {
  const [loaded, setLoaded] = useState<DocumentMeta | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    api<DocumentMeta>(`/documents/${documentId}`).then(setLoaded, (err: Error) => setError(err.message))
  }, [documentId])
  const pushed = useSessionState(session, (s) => s.draft ?? null, null)
  const meta = pushed && (!loaded || pushed.updatedAt >= loaded.updatedAt) ? pushed : loaded
  // A change this page made itself shows at once, before the server's push arrives.
  return { meta, error, changed: setLoaded }
}
