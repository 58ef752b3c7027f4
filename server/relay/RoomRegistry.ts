import type { Logger } from '../logger'
import type { Store } from '../store/Store'
import { DocRoom } from './DocRoom'
import type { SaveTiming } from './SaveScheduler'

/**
 * Loads drafts on first use and unloads them once nobody uses them and everything is written, so memory
 * stays flat however many drafts have been opened. Shared by the relay and REST handlers.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, DocRoom>()
  private readonly loading = new Map<string, Promise<DocRoom | null>>()
  /** Updates applied to each draft's text since start, across unloads and reloads. */
  private readonly textVersions = new Map<string, number>()
  private closed = false

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly timing: SaveTiming,
  ) {}

  /** The loaded room, if any (does not load). */
  peek(id: string): DocRoom | undefined {
    return this.rooms.get(id)
  }

  get openRooms(): number {
    return this.rooms.size
  }

  /**
   * A counter that changes whenever the draft's text does, loaded or not: what is computed from the
   * text (e.g. every comment's locator) stays valid while it is the same. A room is only unloaded once
   * everything is written, so a reload brings back the same text and keeps the counter.
   */
  textVersion(id: string): number {
    return this.textVersions.get(id) ?? 0
  }

  /**
   * Opens the room and holds it (callers must `release` it); null when the document does not exist.
   */
  async acquire(id: string): Promise<DocRoom | null> {
    if (this.closed) throw new Error('the server is shutting down')
    const existing = this.rooms.get(id)
    if (existing) {
      existing.holds++
      return existing
    }
    let pending = this.loading.get(id)
    if (!pending) {
      pending = this.load(id).finally(() => this.loading.delete(id))
      this.loading.set(id, pending)
    }
    const room = await pending
    if (room) room.holds++
    return room
  }

  private async load(id: string): Promise<DocRoom | null> {
    if (!(await this.store.getDocument(id))) return null
    const room = new DocRoom(id, this.store, this.logger, this.timing)
    try {
      await room.load()
    } catch (err) {
      room.destroy()
      throw err
    }
    room.doc.on('update', () => this.textVersions.set(id, this.textVersion(id) + 1))
    this.rooms.set(id, room)
    return room
  }

  /** Drops a hold; an idle room is flushed and unloaded. */
  release(room: DocRoom): void {
    room.holds--
    this.unloadIfIdle(room)
  }

  /** Call when a connection leaves: writes at once if it was the last one. */
  unloadIfIdle(room: DocRoom): void {
    if (!room.isIdle) return
    void room
      .flush()
      .then(() => {
        // Someone may have joined while the write was in flight: then the room stays.
        if (room.isIdle && !room.hasUnsavedChanges && this.rooms.get(room.id) === room) {
          this.rooms.delete(room.id)
          room.destroy()
        }
      })
      .catch(() => {
        // The failure is logged by the room's scheduler, which keeps retrying; the room stays loaded.
        this.scheduleUnloadRetry(room)
      })
  }

  private scheduleUnloadRetry(room: DocRoom): void {
    const check = setInterval(() => {
      if (this.rooms.get(room.id) !== room) return clearInterval(check)
      if (!room.isIdle) return clearInterval(check)
      if (!room.hasUnsavedChanges) {
        clearInterval(check)
        this.unloadIfIdle(room)
      }
    }, 1000)
    check.unref()
  }

  /** Writes every room's pending edits (shutdown); returns the ids that could not be written. */
  async flushAll(): Promise<string[]> {
    const failed: string[] = []
    await Promise.all(
      [...this.rooms.values()].map((room) =>
        room.flush().catch((err) => {
          failed.push(room.id)
          this.logger.error('could not write a draft during shutdown', { document: room.id, error: String(err) })
        }),
      ),
    )
    return failed
  }

  async close(): Promise<string[]> {
    this.closed = true
    await Promise.all([...this.loading.values()].map((p) => p.catch(() => null)))
    const failed = await this.flushAll()
    for (const room of this.rooms.values()) room.destroy()
    this.rooms.clear()
    return failed
  }
}
