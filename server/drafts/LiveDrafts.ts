import * as Y from 'yjs'
import { fail } from '../../shared/errors'
import type { DocumentMeta } from '../../shared/types'
import type { Logger } from '../logger'
import type { Store } from '../store/Store'
import { type DraftOwnership, soleOwnership } from './DraftOwnership'
import { LiveDraft } from './LiveDraft'
import type { SaveTiming } from './SaveScheduler'

/**
 * The drafts loaded in memory: each loads on first use and unloads once nobody holds it and everything
 * is written, so memory stays flat however many drafts have been opened. The relay holds a draft while
 * connections are on it; comments, imports and exports hold it while they read or edit it.
 */
export class LiveDrafts {
  private readonly drafts = new Map<string, LiveDraft>()
  private readonly loading = new Map<string, Promise<LiveDraft | null>>()
  /** Updates applied to each draft's text since start, across unloads and reloads. */
  private readonly textVersions = new Map<string, number>()
  private closed = false

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly timing: SaveTiming,
    /** Whether this server may serve a draft (scale-out: one owner instance per draft). */
    private readonly ownership: DraftOwnership = soleOwnership,
  ) {}

  /** Keeps a loaded draft's record current (its phase decides what its connections may do). */
  metaChanged(meta: DocumentMeta): void {
    const draft = this.drafts.get(meta.id)
    if (draft) draft.meta = meta
  }

  /** The loaded draft, if any (does not load). */
  peek(id: string): LiveDraft | undefined {
    return this.drafts.get(id)
  }

  get loadedCount(): number {
    return this.drafts.size
  }

  /** Changes when this server stops holding the draft without a break (scale-out: another instance had it). */
  tenure(id: string): object {
    return this.ownership.tenure(id)
  }

  /** Whether the draft is loaded or being loaded here. */
  isLoaded(id: string): boolean {
    return this.drafts.has(id) || this.loading.has(id)
  }

  /**
   * A counter that changes whenever the draft's text does, loaded or not: what is computed from the
   * text (e.g. every comment's locator) stays valid while it is the same. A draft is only unloaded once
   * everything is written, so a reload brings back the same text and keeps the counter.
   */
  textVersion(id: string): number {
    return this.textVersions.get(id) ?? 0
  }

  /**
   * Loads the draft and holds it (callers must `release` it); null when the document does not exist.
   */
  async acquire(id: string): Promise<LiveDraft | null> {
    if (this.closed) throw new Error('the server is shutting down')
    const existing = this.drafts.get(id)
    if (existing) {
      existing.holds++
      return existing
    }
    let pending = this.loading.get(id)
    if (!pending) {
      pending = this.load(id).finally(() => this.loading.delete(id))
      this.loading.set(id, pending)
    }
    const draft = await pending
    if (draft) draft.holds++
    return draft
  }

  /**
   * Runs `fn` on the draft's live Y.Doc (with edits not yet written to disk), holding it meanwhile; a 404
   * when there is no such draft.
   */
  async use<T>(id: string, fn: (doc: Y.Doc) => T | Promise<T>): Promise<T> {
    const draft = await this.acquire(id)
    if (!draft) fail('draft.notFound')
    try {
      return await fn(draft.doc)
    } finally {
      this.release(draft)
    }
  }

  /**
   * Whether the draft has received a client's edits up to `clock` (an edit the person just made in their
   * window, which a REST request names), waiting up to `timeoutMs` for it to arrive over the socket.
   */
  hasReceived(id: string, clientId: number, clock: number, timeoutMs: number): Promise<boolean> {
    return this.use(id, (doc) => {
      const received = () => Y.getState(doc.store, clientId) >= clock
      if (received()) return true
      return new Promise<boolean>((resolve) => {
        const done = (result: boolean) => {
          clearTimeout(timer)
          doc.off('update', onUpdate)
          resolve(result)
        }
        const onUpdate = () => {
          if (received()) done(true)
        }
        const timer = setTimeout(() => done(false), timeoutMs)
        doc.on('update', onUpdate)
      })
    })
  }

  private async load(id: string): Promise<LiveDraft | null> {
    const meta = await this.store.getDocument(id)
    if (!meta) return null
    // Owner first, then the state: it then holds every edit the previous owner committed.
    await this.ownership.acquire(id)
    const draft = new LiveDraft(meta, this.store, this.logger, this.timing, this.ownership)
    try {
      await draft.load()
    } catch (err) {
      draft.destroy()
      this.ownership.release(id)
      throw err
    }
    draft.doc.on('update', () => this.textVersions.set(id, this.textVersion(id) + 1))
    this.drafts.set(id, draft)
    return draft
  }

  /** Drops a hold; once nobody holds the draft it is written at once and unloaded. */
  release(draft: LiveDraft): void {
    draft.holds--
    this.unloadIfIdle(draft)
  }

  private unloadIfIdle(draft: LiveDraft): void {
    if (!draft.isIdle) return
    void draft
      .flush()
      .then(() => {
        // Someone may have joined while the write was in flight: then the draft stays loaded.
        if (draft.isIdle && !draft.hasUnsavedChanges && this.drafts.get(draft.id) === draft) {
          this.drafts.delete(draft.id)
          draft.destroy()
          this.ownership.release(draft.id)
        }
      })
      .catch(() => {
        // The failure is logged by the draft's scheduler, which keeps retrying; the draft stays loaded.
        this.scheduleUnloadRetry(draft)
      })
  }

  private scheduleUnloadRetry(draft: LiveDraft): void {
    const check = setInterval(() => {
      if (this.drafts.get(draft.id) !== draft) return clearInterval(check)
      if (!draft.isIdle) return clearInterval(check)
      if (!draft.hasUnsavedChanges) {
        clearInterval(check)
        this.unloadIfIdle(draft)
      }
    }, 1000)
    check.unref()
  }

  /**
   * Forgets a draft at once, without writing it: another instance has taken it over (its clients, whose
   * sockets the relay closes, resync with the new owner). Whoever still holds it finds it destroyed.
   */
  drop(id: string): void {
    const draft = this.drafts.get(id)
    if (!draft) return
    this.drafts.delete(id)
    draft.abandon()
    this.logger.warn('draft dropped: another instance owns it now', { document: id })
  }

  /** Writes every draft's pending edits (shutdown); returns the ids that could not be written. */
  async flushAll(): Promise<string[]> {
    const failed: string[] = []
    await Promise.all(
      [...this.drafts.values()].map((draft) =>
        draft.flush().catch((err) => {
          failed.push(draft.id)
          this.logger.error('could not write a draft during shutdown', { document: draft.id, error: String(err) })
        }),
      ),
    )
    return failed
  }

  async close(): Promise<string[]> {
    this.closed = true
    await Promise.all([...this.loading.values()].map((p) => p.catch(() => null)))
    const failed = await this.flushAll()
    for (const draft of this.drafts.values()) draft.destroy()
    this.drafts.clear()
    return failed
  }
}
