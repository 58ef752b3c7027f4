import { saveStatusMessage } from '../../../shared/accordMessages'
import type { RelayExtension } from '../extensions'
import type { RelayConnection } from '../RelayConnection'

/**
 * "All changes saved" means on disk: after every write of a draft, each Accord client is told, for each
 * clientID it owns, the clock up to which its edits are durable (and whether the last write failed); a
 * newly introduced clientID is told at once.
 */
export function savedAcks(): RelayExtension {
  const tell = (conn: RelayConnection) => {
    if (!conn.accordClient) return
    const draft = conn.room.draft
    const clocks = [...conn.ownedClients].map((c) => [c, draft.persistedClock(c)] as const)
    conn.send(saveStatusMessage(draft.lastSaveOk, clocks))
  }
  return {
    name: 'saved acknowledgements',
    onClientClaimed: (conn) => tell(conn),
    onDraftSaved: (room) => {
      for (const conn of room.members) tell(conn)
    },
  }
}
