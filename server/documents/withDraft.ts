import type * as Y from 'yjs'
import { fail } from '../../shared/errors'
import type { RoomRegistry } from '../relay/RoomRegistry'

/**
 * Runs `fn` on the draft's live Y.Doc (with edits not yet written to disk), holding the room meanwhile;
 * a 404 when there is no such draft.
 */
export async function withDraft<T>(registry: RoomRegistry, documentId: string, fn: (doc: Y.Doc) => T | Promise<T>): Promise<T> {
  const room = await registry.acquire(documentId)
  if (!room) fail('draft.notFound')
  try {
    return await fn(room.doc)
  } finally {
    registry.release(room)
  }
}
