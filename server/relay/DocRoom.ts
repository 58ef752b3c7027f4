import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { CommentEvent } from '../../shared/types'
import type { Logger } from '../logger'
import type { Store } from '../store/Store'
import { commentsMessage, saveStatusMessage } from '../../shared/accordMessages'
import { awarenessMessage, updateMessage } from './messages'
import { SaveScheduler, type SaveTiming } from './SaveScheduler'

/** What a room needs from a connection. */
export interface RoomMember {
  /** Awareness clientIDs this connection introduced. */
  readonly ownedClients: ReadonlySet<number>
  /** Whether it understands Accord's own message types. */
  readonly accordClient: boolean
  send(message: Uint8Array): void
}

/**
 * One open draft: its Y.Doc and awareness in memory, the connections editing it, and its saving.
 * Updates from the doc are relayed to every other connection and queued for the store; once written,
 * each connection is told which of its edits are durable.
 */
export class DocRoom {
  readonly doc = new Y.Doc()
  readonly awareness: awarenessProtocol.Awareness
  readonly members = new Set<RoomMember>()
  /** Which connection introduced each awareness clientID: only it may update that presence. */
  readonly awarenessOwners = new Map<number, RoomMember>()
  /** Non-connection users (REST handlers) holding the room open. */
  holds = 0
  private pending: Uint8Array[] = []
  private persisted = new Map<number, number>()
  private lastSaveOk = true
  readonly saver: SaveScheduler
  private destroyed = false

  constructor(
    readonly id: string,
    private readonly store: Store,
    private readonly logger: Logger,
    timing: SaveTiming,
  ) {
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.awareness.setLocalState(null)
    this.saver = new SaveScheduler(
      () => this.save(),
      timing,
      (err, attempt) =>
        this.logger.error('save failed; the draft stays in memory and will be retried', {
          document: id,
          attempt,
          error: String(err),
        }),
    )
  }

  /** Loads the stored state. Updates applied here are not written back. */
  async load(): Promise<void> {
    const updates = await this.store.loadDocumentState(this.id)
    Y.transact(this.doc, () => {
      for (const u of updates) Y.applyUpdate(this.doc, u)
    })
    this.persisted = Y.decodeStateVector(Y.encodeStateVector(this.doc))
    this.doc.on('update', this.onUpdate)
    this.awareness.on('update', this.onAwarenessUpdate)
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    this.pending.push(update)
    this.saver.schedule()
    const message = updateMessage(update)
    for (const m of this.members) if (m !== origin) m.send(message)
  }

  private readonly onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
  ): void => {
    const changed = [...change.added, ...change.updated, ...change.removed]
    const message = awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
    // Sent to the sender too: the stock client treats 30 s without any message as a dead connection.
    for (const m of this.members) m.send(message)
  }

  private async save(): Promise<void> {
    if (this.pending.length === 0) return
    const batch = this.pending
    this.pending = []
    const stateAtCut = Y.decodeStateVector(Y.encodeStateVector(this.doc))
    try {
      await this.store.appendDocumentUpdates(this.id, batch, () => Y.encodeStateAsUpdate(this.doc))
    } catch (err) {
      this.pending = batch.concat(this.pending)
      if (this.lastSaveOk) {
        this.lastSaveOk = false
        this.broadcastSaveStatus()
      }
      throw err
    }
    this.persisted = stateAtCut
    this.lastSaveOk = true
    this.broadcastSaveStatus()
  }

  /** Tells each Accord client how far its own edits are durable. */
  broadcastSaveStatus(): void {
    for (const m of this.members) this.sendSaveStatus(m)
  }

  sendSaveStatus(member: RoomMember): void {
    if (!member.accordClient) return
    const clocks = [...member.ownedClients].map((c) => [c, this.persisted.get(c) ?? 0] as const)
    member.send(saveStatusMessage(this.lastSaveOk, clocks))
  }

  broadcastComments(event: CommentEvent): void {
    let message: Uint8Array | null = null
    for (const m of this.members) {
      if (!m.accordClient) continue
      message ??= commentsMessage(event)
      m.send(message)
    }
  }

  get isIdle(): boolean {
    return this.members.size === 0 && this.holds === 0
  }

  get hasUnsavedChanges(): boolean {
    return this.pending.length > 0 || this.saver.hasUnsavedChanges
  }

  /** Writes pending edits now. */
  flush(): Promise<void> {
    return this.saver.flush()
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.saver.dispose()
    this.doc.off('update', this.onUpdate)
    this.awareness.off('update', this.onAwarenessUpdate)
    this.awareness.destroy()
    this.doc.destroy()
  }
}
