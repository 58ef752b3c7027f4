import { EventEmitter } from 'node:events'
import type { DraftOwnership } from '../drafts/DraftOwnership'
import type { Logger } from '../logger'
import { DraftElsewhereError, StaleOwnerError } from '../store/errors'
import type { DraftLease, WriteFence } from '../store/postgres/fence'
import type { LeaseRows } from './LeaseRows'

/** There is no such draft: nothing to own (a request for it is answered 404 where it arrived). */
export class UnknownDraftError extends Error {
  constructor(readonly documentId: string) {
    super(`document ${documentId} does not exist`)
    this.name = 'UnknownDraftError'
  }
}

export interface LeaseTiming {
  /** How long a lease lasts without renewal: an owner that died is taken over this long after its last heartbeat. */
  leaseMs: number
  /** How often the owner renews all its leases in one statement. */
  heartbeatMs: number
}

/** Failover after about 6 s (plus the clients' reconnect); renewals three times per lease. */
export const DEFAULT_LEASE_TIMING: LeaseTiming = { leaseMs: 6000, heartbeatMs: 2000 }

interface Held {
  epoch: number
  /** Local monotonic time when the last renewal that succeeded was sent: the lease is ours until at least then + leaseMs. */
  renewedAt: number
  /** Last time this instance wrote or loaded the draft (idle leases are given back). */
  usedAt: number
}

/**
 * The drafts this instance owns. A draft is taken in PostgreSQL (LeaseRows) before it is loaded, renewed
 * by a heartbeat while held, and given back after it is unloaded. Every write of the draft is fenced
 * with the epoch taken (it is the store's WriteFence). When a renewal or a fenced write finds another
 * instance has the draft, `lost` is emitted: the draft must be dropped and its sockets closed. `taken`
 * tells the other instances (a hint over Redis) so that a former owner drops the draft at once.
 */
export class Ownership extends EventEmitter<{ lost: [string]; taken: [string, number] }> implements DraftOwnership, WriteFence {
  private readonly held = new Map<string, Held>()
  private readonly taking = new Map<string, Promise<Held>>()
  private address = ''
  private timer: NodeJS.Timeout | null = null
  private isLoaded: (id: string) => boolean = () => false

  constructor(
    private readonly leases: LeaseRows,
    /** This instance's name in lease rows: unique per process, so a restarted instance is a new owner. */
    readonly owner: string,
    private readonly timing: LeaseTiming,
    private readonly logger: Logger,
    private readonly now: () => number = () => performance.now(),
  ) {
    super()
  }

  /** Starts renewing; `address` is where other instances forward this one's drafts' requests. */
  start(address: string, isLoaded: (id: string) => boolean): void {
    this.address = address
    this.isLoaded = isLoaded
    this.timer = setInterval(() => void this.heartbeat(), this.timing.heartbeatMs)
    this.timer.unref()
  }

  get ownAddress(): string {
    return this.address
  }

  /** Whether this instance holds the draft's lease (as far as it knows). */
  holds(documentId: string): boolean {
    return this.held.has(documentId)
  }

  async acquire(documentId: string): Promise<void> {
    await this.take(documentId)
  }

  async leaseFor(documentId: string): Promise<DraftLease> {
    const held = await this.take(documentId)
    return { owner: this.owner, epoch: held.epoch }
  }

  private take(documentId: string): Promise<Held> {
    const held = this.held.get(documentId)
    if (held) {
      held.usedAt = this.now()
      return Promise.resolve(held)
    }
    let taking = this.taking.get(documentId)
    if (!taking) {
      taking = this.takeFromDatabase(documentId).finally(() => this.taking.delete(documentId))
      this.taking.set(documentId, taking)
    }
    return taking
  }

  private async takeFromDatabase(documentId: string): Promise<Held> {
    if (!this.address) throw new Error('ownership has not started')
    const sentAt = this.now()
    const result = await this.leases.take(documentId, this.owner, this.address, this.timing.leaseMs)
    if ('missing' in result) throw new UnknownDraftError(documentId)
    // Not live: it expired between the two statements; the caller tries again.
    if ('holder' in result) throw new DraftElsewhereError(documentId, result.holder.live ? result.holder.address : null)
    const held: Held = { epoch: result.epoch, renewedAt: sentAt, usedAt: sentAt }
    this.held.set(documentId, held)
    this.logger.info('draft taken', { document: documentId, epoch: result.epoch })
    this.emit('taken', documentId, result.epoch)
    return held
  }

  /**
   * The draft was unloaded. The lease is kept a while longer (the heartbeat gives back leases unused for a
   * lease's length): a draft used by REST requests alone loads and unloads for each, and giving it back
   * every time would hand it from instance to instance and fail the writes still in flight.
   */
  release(documentId: string): void {
    const held = this.held.get(documentId)
    if (held) held.usedAt = this.now()
  }

  /** Gives a lease back: forgotten here at once, so an acquire that comes after takes it again. */
  private giveBack(documentId: string): void {
    const held = this.held.get(documentId)
    if (!held) return
    this.held.delete(documentId)
    this.leases.release(documentId, this.owner, held.epoch).catch((err: unknown) => {
      this.logger.warn('could not give a lease back; it expires by itself', { document: documentId, error: String(err) })
    })
  }

  /** The lease record itself: a new one is made whenever the draft is taken again. */
  tenure(documentId: string): object {
    return this.held.get(documentId) ?? this
  }

  async confirm(documentId: string): Promise<void> {
    const held = this.held.get(documentId)
    if (!held) throw new StaleOwnerError(documentId, 0)
    // Within its lease since the last renewal nobody can have taken the draft: no need to ask.
    if (this.now() < held.renewedAt + this.timing.leaseMs * 0.75) return
    await this.renew([documentId])
    if (!this.held.has(documentId)) throw new StaleOwnerError(documentId, held.epoch)
  }

  refused(documentId: string, lease: DraftLease): void {
    if (this.held.get(documentId)?.epoch === lease.epoch) this.lose(documentId, 'a write was refused by the epoch fence')
  }

  /** An event from another instance says it took the draft with this epoch. */
  takenElsewhere(documentId: string, epoch: number): void {
    const held = this.held.get(documentId)
    if (held && epoch > held.epoch) this.lose(documentId, 'another instance announced it took the draft over')
  }

  private lose(documentId: string, why: string): void {
    if (!this.held.delete(documentId)) return
    this.logger.warn('draft ownership lost', { document: documentId, why })
    this.emit('lost', documentId)
  }

  private async renew(documentIds: readonly string[]): Promise<void> {
    const leases = documentIds.flatMap((documentId) => {
      const held = this.held.get(documentId)
      return held ? [{ documentId, epoch: held.epoch, held }] : []
    })
    const sentAt = this.now()
    const renewed = await this.leases.renew(this.owner, leases, this.timing.leaseMs)
    for (const { documentId, held } of leases) {
      if (this.held.get(documentId) !== held) continue // released or retaken meanwhile
      if (renewed.has(documentId)) held.renewedAt = sentAt
      else this.lose(documentId, 'its lease was taken over')
    }
  }

  private async heartbeat(): Promise<void> {
    // Leases of drafts not loaded here and not used for a lease's length are given back.
    const idleBefore = this.now() - this.timing.leaseMs
    for (const [id, held] of this.held) if (!this.isLoaded(id) && held.usedAt < idleBefore) this.giveBack(id)
    try {
      await this.renew([...this.held.keys()])
    } catch (err) {
      // The database is unreachable: nobody else can take the drafts either until it is back.
      this.logger.warn('could not renew draft leases', { error: String(err) })
    }
  }

  /** Stops renewing and gives every lease back (shutdown, after the drafts were written). */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await Promise.all(
      [...this.held].map(([id, held]) => this.leases.release(id, this.owner, held.epoch).catch(() => undefined)),
    )
    this.held.clear()
  }
}
