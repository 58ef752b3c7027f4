import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { hostname } from 'node:os'
import type { Duplex } from 'node:stream'
import type { RequestHandler } from 'express'
import type pg from 'pg'
import type { LiveDrafts } from '../drafts/LiveDrafts'
import type { Logger } from '../logger'
import { PostgresStore } from '../store/postgres/PostgresStore'
import { createPool } from '../store/postgres/pool'
import { draftOfRequest, routeDraft } from './draftRoutes'
import { forwardDraftRequests } from './forwardRequests'
import { forwardUpgrade, refuseUnavailable } from './forwardUpgrade'
import { SIGN_IN_BURST, SIGN_IN_PER_SECOND } from '../routes/sessionRoutes'
import type { KeyLimiter } from '../util/TokenBucket'
import { InstanceEvents } from './InstanceEvents'
import { type SharedServices, wireInstanceEvents } from './instanceWiring'
import { LeaseRows } from './LeaseRows'
import { SharedRateLimiter } from './SharedRateLimiter'
import { DEFAULT_LEASE_TIMING, type LeaseTiming, Ownership } from './Ownership'

/** Any fixed number: the lock instances take while setting up a new workspace. */
const STARTUP_LOCK = 7_391_003
/** How often each instance looks at the shared e-mail outbox when nothing woke it. */
const OUTBOX_POLL_MS = 60_000
/** How often each instance reads every draft's record again for its deadline and reminder timers. */
const RECORDS_POLL_MS = 60_000

export interface ScaleOutOptions {
  databaseUrl: string
  /** Events between instances; without it, changes made elsewhere are found by periodic checks only. */
  redisUrl?: string
  logger: Logger
  /** Lease length; heartbeats come three times per lease. */
  leaseMs?: number
}

/** What the running server hands over once it listens. */
export interface ScaleOutServices extends SharedServices {
  /** Where other instances reach this one. */
  address: string
  drafts: LiveDrafts
}

/**
 * Everything that lets several Accord instances serve one workspace on PostgreSQL: the store (its draft
 * writes fenced by this instance's leases), the ownership of drafts, and the forwarding of requests and
 * sockets for drafts another instance owns. startServer composes it when DATABASE_URL is set.
 */
export class ScaleOut {
  readonly store: PostgresStore
  readonly ownership: Ownership
  /** Express middleware forwarding `/api/documents/<id>` requests to the draft's owner. */
  readonly forwardRequests: RequestHandler
  /** The sign-in limit, shared by every instance through PostgreSQL. */
  readonly signInLimiter: KeyLimiter
  /** Events to and from the other instances (REDIS_URL), or null. */
  readonly events: InstanceEvents | null
  private readonly storePool: pg.Pool
  private readonly leasePool: pg.Pool
  private unwire: () => void = () => undefined
  private recordsTimer: NodeJS.Timeout | null = null

  constructor(private readonly options: ScaleOutOptions) {
    const { logger } = options
    const leaseMs = options.leaseMs ?? DEFAULT_LEASE_TIMING.leaseMs
    const timing: LeaseTiming = { leaseMs, heartbeatMs: Math.max(50, Math.round(leaseMs / 3)) }
    this.storePool = createPool(options.databaseUrl, logger, { name: 'accord' })
    // Heartbeats have connections of their own: slow writes queued in the store's pool must not let leases lapse.
    this.leasePool = createPool(options.databaseUrl, logger, { name: 'accord-leases', max: 2 })
    const owner = `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`
    this.ownership = new Ownership(new LeaseRows(this.leasePool), owner, timing, logger)
    this.store = new PostgresStore({ pool: this.storePool, fence: this.ownership })
    this.forwardRequests = forwardDraftRequests(this.ownership, logger)
    this.signInLimiter = new SharedRateLimiter(this.storePool, 'signin', SIGN_IN_BURST, SIGN_IN_PER_SECOND)
    this.events = options.redisUrl ? new InstanceEvents(options.redisUrl, owner, logger) : null
  }

  /** Starts holding drafts: a draft this instance loses is dropped and its sockets closed (clients resync with the new owner). */
  start(services: ScaleOutServices): void {
    this.ownership.on('lost', (documentId) => {
      services.relay.closeDraft(documentId)
      services.drafts.drop(documentId)
    })
    this.ownership.start(services.address, (id) => services.drafts.isLoaded(id))
    if (this.events) {
      this.unwire = wireInstanceEvents(this.events, this.ownership, services, this.options.logger)
      this.events.start()
    }
    // A consultation opened or moved on another instance while Redis was down (or without Redis) still
    // gets its deadline and reminder timers here, so they fire even if that instance dies.
    this.recordsTimer = setInterval(() => void this.rereadRecords(services), RECORDS_POLL_MS)
    this.recordsTimer.unref()
  }

  private async rereadRecords(services: ScaleOutServices): Promise<void> {
    try {
      for (const meta of await services.documents.list()) {
        services.deadlines.watch(meta)
        await services.consultationChanged(meta)
      }
    } catch (err) {
      this.options.logger.warn('could not read the drafts\' records again', { error: String(err) })
    }
  }

  /**
   * The e-mail outbox is shared: new entries are announced to the other instances, and each instance also
   * looks at it every minute (e-mail left by an instance that died, without Redis too). Claims keep each
   * message to one sender.
   */
  outboxOptions(): { announce: () => void; pollMs: number } {
    return { announce: () => this.events?.publish({ kind: 'wake', topic: 'outbox' }), pollMs: OUTBOX_POLL_MS }
  }

  /** A WebSocket upgrade: served here (`serveHere`), or passed to the draft's owner. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, serveHere: () => void): void {
    const documentId = draftOfRequest(req.url ?? '/')
    if (!documentId) return serveHere()
    routeDraft(this.ownership, documentId, req).then(
      (route) => {
        if (route.kind === 'local') serveHere()
        else if (route.kind === 'forward') forwardUpgrade(req, socket, head, route.address, this.ownership.owner, this.options.logger)
        else refuseUnavailable(socket)
      },
      (err: unknown) => {
        this.options.logger.warn('could not route a connection', { document: documentId, error: String(err) })
        refuseUnavailable(socket)
      },
    )
  }

  /**
   * Runs `fn` while no other instance runs it (PostgreSQL advisory lock): instances starting together on
   * an empty database must create one first chair and one demo draft, not one each.
   */
  async exclusively<T>(fn: () => Promise<T>): Promise<T> {
    const client = await this.leasePool.connect()
    try {
      await client.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK])
      try {
        return await fn()
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK])
      }
    } finally {
      client.release()
    }
  }

  /** Gives every lease back and closes the database connections (after the drafts were written). */
  async close(): Promise<void> {
    if (this.recordsTimer) clearInterval(this.recordsTimer)
    this.unwire()
    await this.events?.close()
    await this.ownership.close()
    await this.leasePool.end()
    await this.storePool.end()
  }
}
