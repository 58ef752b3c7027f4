import type * as Y from 'yjs'
import { decodeRelative, encodeRelative } from '../../../shared/draft/anchors'
import { buildPositionIndex, pmToRelative, relativeToPm } from '../../../shared/draft/positionIndex'
import type { PendingSuggestion } from '../../../shared/suggestions/pendingSuggestion'

/** A pending suggestion as kept in the browser: its edges as Yjs relative positions, so edits by others move them along. */
interface StoredSuggestion {
  start: string
  end: string
  inserted: string
}

const storageKey = (documentId: string, participantId: string) => `accord:suggestions:${documentId}:${participantId}`

/**
 * Suggestions typed but not posted survive a reload: they are kept in this browser's localStorage (per
 * draft and person), anchored to the draft's words rather than to positions.
 */
export function savePending(documentId: string, participantId: string, fragment: Y.XmlFragment, pending: readonly PendingSuggestion[]): void {
  const key = storageKey(documentId, participantId)
  try {
    if (pending.length === 0) return localStorage.removeItem(key)
    const index = buildPositionIndex(fragment)
    const stored: StoredSuggestion[] = pending.map((s) => ({
      start: encodeRelative(pmToRelative(index, s.from, 0)),
      end: encodeRelative(pmToRelative(index, s.to, -1)),
      inserted: s.inserted,
    }))
    localStorage.setItem(key, JSON.stringify(stored))
  } catch {
    // Storage full or disabled (private windows): the suggestions stay on the page until it is closed.
  }
}

/** The suggestions kept for this draft and person, where their words are now; those whose words are gone are dropped. */
export function loadPending(documentId: string, participantId: string, fragment: Y.XmlFragment): PendingSuggestion[] {
  const doc = fragment.doc
  if (!doc) return []
  let stored: StoredSuggestion[]
  try {
    stored = JSON.parse(localStorage.getItem(storageKey(documentId, participantId)) ?? '[]') as StoredSuggestion[]
  } catch {
    return []
  }
  if (!Array.isArray(stored)) return []
  const index = buildPositionIndex(fragment)
  return stored.flatMap((s) => {
    const start = typeof s.start === 'string' ? decodeRelative(s.start) : null
    const end = typeof s.end === 'string' ? decodeRelative(s.end) : null
    if (!start || !end || typeof s.inserted !== 'string') return []
    const from = relativeToPm(index, doc, start)
    const to = relativeToPm(index, doc, end)
    return from !== null && to !== null && to >= from && (to > from || s.inserted) ? [{ from, to, inserted: s.inserted }] : []
  })
}
