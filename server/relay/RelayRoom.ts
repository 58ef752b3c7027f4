import * as awarenessProtocol from 'y-protocols/awareness'
import type { LiveDraft } from '../drafts/LiveDraft'
import { awarenessMessage, updateMessage } from './messages'
import type { RelayConnection } from './RelayConnection'

/**
 * The connections on one draft and their presence: every update of the draft's doc is relayed to every
 * connection but the one it came from, every presence change to all. Lives while connections are on the
 * draft; each of them holds the draft open meanwhile.
 */
export class RelayRoom {
  readonly awareness: awarenessProtocol.Awareness
  readonly members = new Set<RelayConnection>()
  /** Which connection introduced each awareness clientID: only it may update that presence. */
  readonly awarenessOwners = new Map<number, RelayConnection>()
  private readonly stopSaveStatus: () => void

  constructor(
    readonly draft: LiveDraft,
    /** Called after every write of the draft (or when writing starts failing). */
    onSaved: (room: RelayRoom) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(draft.doc)
    this.awareness.setLocalState(null)
    draft.doc.on('update', this.onUpdate)
    this.awareness.on('update', this.onAwarenessUpdate)
    this.stopSaveStatus = draft.onSaveStatus(() => onSaved(this))
  }

  get id(): string {
    return this.draft.id
  }

  get doc() {
    return this.draft.doc
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    const message = updateMessage(update)
    for (const m of this.members) if (m !== origin) m.send(message)
  }

  private readonly onAwarenessUpdate = (change: { added: number[]; updated: number[]; removed: number[] }): void => {
    const changed = [...change.added, ...change.updated, ...change.removed]
    const message = awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
    // Sent to the sender too: the stock client treats 30 s without any message as a dead connection.
    for (const m of this.members) m.send(message)
  }

  destroy(): void {
    this.stopSaveStatus()
    this.draft.doc.off('update', this.onUpdate)
    this.awareness.off('update', this.onAwarenessUpdate)
    this.awareness.destroy()
  }
}
