import { EventEmitter } from 'node:events'
import { createClient } from 'redis'
import type { Logger } from '../logger'

/**
 * What instances tell each other. Hints only: every receiver reads the facts from PostgreSQL, and
 * nothing that was acknowledged (an edit, a comment) ever waits for one of these.
 */
export type InstanceEvent =
  /** A participant changed or was revoked: open sockets follow (the receiver reads the participant). */
  | { kind: 'participant'; id: string }
  /** A draft's record changed (phase, deadline, title). */
  | { kind: 'draft'; id: string }
  /** An instance took a draft over with this epoch: a former owner drops it at once. */
  | { kind: 'owner'; id: string; epoch: number }
  /** New e-mail in the outbox: senders look now rather than at their next poll. */
  | { kind: 'wake'; topic: 'outbox' }

/** Redis channel all instances of a workspace share. */
export const EVENTS_CHANNEL = 'accord:events'
/** Reconnection delays grow to this (ms): Redis back after a restart is noticed within it. */
const MAX_RECONNECT_MS = 1000

type RedisClient = ReturnType<typeof createClient>

interface Envelope {
  from: string
  event: InstanceEvent
}

/**
 * Events between instances over Redis pub/sub (REDIS_URL, node-redis): a publisher whose commands fail at
 * once while Redis is unreachable (`disableOfflineQueue`: a late replay would be worse than nothing) and
 * a subscriber that reconnects and subscribes again by itself. `connected` says whether events flow;
 * while they do not, the instance falls back on checking PostgreSQL periodically.
 */
export class InstanceEvents extends EventEmitter<{ event: [InstanceEvent]; connected: [boolean] }> {
  private readonly publisher: RedisClient
  private readonly subscriber: RedisClient
  private up = false
  private closed = false

  constructor(
    url: string,
    /** This instance's name: its own events are not delivered back to it. */
    private readonly self: string,
    private readonly logger: Logger,
  ) {
    super()
    const socket = { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, MAX_RECONNECT_MS) }
    this.publisher = createClient({ url, socket, disableOfflineQueue: true })
    this.subscriber = createClient({ url, socket })
    for (const client of [this.publisher, this.subscriber]) {
      // Without a listener an error would end the process; the state changes are logged once each.
      client.on('error', () => undefined)
    }
    this.subscriber.on('ready', () => this.setUp(true))
    this.subscriber.on('end', () => this.setUp(false))
    this.subscriber.on('reconnecting', () => this.setUp(false))
  }

  /** Connects in the background: Accord starts and saves whether Redis is there or not. */
  start(): void {
    this.publisher.connect().catch(() => undefined)
    this.subscriber
      .connect()
      .then(() => this.subscriber.subscribe(EVENTS_CHANNEL, (message) => this.receive(message)))
      .catch((err: unknown) => this.logger.warn('could not subscribe to Redis events', { error: String(err) }))
  }

  /** Whether events from other instances arrive now. */
  get connected(): boolean {
    return this.up
  }

  private setUp(up: boolean): void {
    if (this.up === up || this.closed) return
    this.up = up
    if (up) this.logger.info('Redis events flowing')
    else this.logger.warn('Redis unreachable: events between instances paused; revocations are found by periodic checks')
    this.emit('connected', up)
  }

  /** Sends an event to the other instances; never waits, never fails the caller (it is a hint). */
  publish(event: InstanceEvent): void {
    if (!this.publisher.isReady) return
    const envelope: Envelope = { from: this.self, event }
    this.publisher.publish(EVENTS_CHANNEL, JSON.stringify(envelope)).catch(() => undefined)
  }

  private receive(message: string): void {
    let envelope: Envelope
    try {
      envelope = JSON.parse(message) as Envelope
    } catch {
      return
    }
    if (envelope.from === this.self || typeof envelope.event?.kind !== 'string') return
    this.emit('event', envelope.event)
  }

  async close(): Promise<void> {
    this.closed = true
    for (const client of [this.publisher, this.subscriber]) {
      if (client.isOpen) client.destroy()
    }
  }
}
