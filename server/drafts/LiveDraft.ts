import * as Y from 'yjs'
import type { DocumentMeta, DraftAuthors, PersonRef } from '../../shared/types'
import type { Logger } from '../logger'
import type { Store } from '../store/Store'
import { type DraftOwnership, soleOwnership } from './DraftOwnership'
import { SaveScheduler, type SaveTiming } from './SaveScheduler'

/** The origin of an edit made on someone's behalf (a relay connection): its Yjs clientIDs are theirs. */
export interface AuthoredOrigin {
  readonly author: PersonRef
}

const authoredBy = (origin: unknown): PersonRef | null =>
  typeof origin === 'object' && origin !== null && 'author' in origin ? (origin as AuthoredOrigin).author : null

/**
 * One loaded draft: its Y.Doc in memory and its saving. Every update to the doc, whoever makes it (the
 * relay for a client, a service applying a proposed change), is queued for the store; once written,
 * `onSaveStatus` listeners learn how far each client's edits are durable.
 */
export class LiveDraft {
  readonly doc = new Y.Doc()
  /** Users holding the draft open (connections, REST handlers); it unloads at 0 once written. */
  holds = 0
  private pending: Uint8Array[] = []
  private persisted = new Map<number, number>()
  /** The clocks of a write that committed but is not confirmed to clients yet (see `save`). */
  private committed: Map<number, number> | null = null
  private saveOk = true
  private readonly saveListeners = new Set<() => void>()
  /** Who typed with each clientID, by the server's own record of who sent the edit (never what clients claim). */
  private authors: DraftAuthors = {}
  readonly saver: SaveScheduler
  private destroyed = false

  readonly id: string

  constructor(
    /** The draft's record (title, phase, consultation), kept current by LiveDrafts.metaChanged. */
    public meta: DocumentMeta,
    private readonly store: Store,
    private readonly logger: Logger,
    timing: SaveTiming,
    private readonly ownership: DraftOwnership = soleOwnership,
  ) {
    const id = meta.id
    this.id = id
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
    this.authors = await this.store.getDraftAuthors(this.id)
    this.doc.on('update', this.onUpdate)
    this.doc.on('afterTransaction', this.noteAuthors)
  }

  /** The first edit delivered for a clientID names its author (a tab or script edits under its own clientID). */
  private readonly noteAuthors = (transaction: Y.Transaction): void => {
    const author = authoredBy(transaction.origin)
    if (!author) return
    const fresh: DraftAuthors = {}
    for (const [client, clock] of transaction.afterState) {
      if (clock > (transaction.beforeState.get(client) ?? 0) && !(String(client) in this.authors)) fresh[String(client)] = author
    }
    if (Object.keys(fresh).length === 0) return
    this.authors = { ...this.authors, ...fresh }
    this.store.addDraftAuthors(this.id, fresh).catch((err: unknown) => {
      this.logger.error('could not record who edited a draft', { document: this.id, error: String(err) })
    })
  }

  /** Who typed with each Yjs clientID in this draft, as far as the server knows. */
  get draftAuthors(): DraftAuthors {
    return this.authors
  }

  private readonly onUpdate = (update: Uint8Array): void => {
    this.pending.push(update)
    this.saver.schedule()
  }

  private async save(): Promise<void> {
    // A draft another instance took over is dropped unsaved: its clients resync with the new owner.
    if (this.destroyed) return
    if (this.pending.length > 0) {
      const batch = this.pending
      this.pending = []
      const stateAtCut = Y.decodeStateVector(Y.encodeStateVector(this.doc))
      try {
        await this.store.appendDocumentUpdates(this.id, batch, () => Y.encodeStateAsUpdate(this.doc))
      } catch (err) {
        this.pending = batch.concat(this.pending)
        this.saveFailed()
        throw err
      }
      this.committed = stateAtCut
    }
    if (!this.committed) return
    try {
      // Committed, but "saved" is said only while this instance still owns the draft: an owner that was
      // paused past its lease must not confirm anything after another instance took the draft over.
      await this.ownership.confirm(this.id)
    } catch (err) {
      this.saveFailed()
      throw err
    }
    this.persisted = this.committed
    this.committed = null
    this.saveOk = true
    this.notifySaveStatus()
  }

  private saveFailed(): void {
    if (!this.saveOk) return
    this.saveOk = false
    this.notifySaveStatus()
  }

  /** False while the last write failed (it is being retried). */
  get lastSaveOk(): boolean {
    return this.saveOk
  }

  /** The clock up to which a client's edits are durably stored. */
  persistedClock(clientId: number): number {
    return this.persisted.get(clientId) ?? 0
  }

  /** Calls `listener` after every write and when writing starts failing; returns the unsubscribe. */
  onSaveStatus(listener: () => void): () => void {
    this.saveListeners.add(listener)
    return () => this.saveListeners.delete(listener)
  }

  private notifySaveStatus(): void {
    for (const listener of this.saveListeners) listener()
  }

  get isIdle(): boolean {
    return this.holds === 0
  }

  get hasUnsavedChanges(): boolean {
    return this.pending.length > 0 || this.committed !== null || this.saver.hasUnsavedChanges
  }

  /** Writes pending edits now. */
  flush(): Promise<void> {
    return this.saver.flush()
  }

  /** Drops the draft without writing what is pending (another instance owns it now). */
  abandon(): void {
    this.pending = []
    this.committed = null
    this.destroy()
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.saver.dispose()
    this.saveListeners.clear()
    this.doc.off('update', this.onUpdate)
    this.doc.off('afterTransaction', this.noteAuthors)
    this.doc.destroy()
  }
}
