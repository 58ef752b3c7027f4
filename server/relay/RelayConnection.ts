import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import { decodeAccordPayload, sessionMessage } from '../../shared/accordMessages'
import { type Action, type PolicyContext, can } from '../../shared/policy'
import {
  CLOSE_MALFORMED,
  CLOSE_RATE_LIMITED,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
} from '../../shared/protocol'
import type { Participant, PersonRef } from '../../shared/types'
import type { Logger } from '../logger'
import { decodeAwarenessUpdate, encodeAwarenessUpdate } from './awarenessUpdates'
import type { Admission, RelayExtension, SomeAccordHandler, UpdateVerdict } from './extensions'
import { awarenessMessage, syncStep1Message, syncStep2Message } from './messages'
import type { RelayRoom } from './RelayRoom'
import type { Transport } from './transport'
import { userColor } from './userColor'

/** A browser introduces one awareness clientID per tab; more from one socket is not a real client. */
const MAX_OWNED_CLIENTS = 8
const EMPTY = new Uint8Array(0)
/** Handled messages are dropped from the front of a long queue in batches (shift() on each is O(n)). */
const INBOX_COMPACT_AT = 1024
/** A client that lets this much pile up unread is dropped; it resyncs when it reconnects. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024

/** The relay's registered pieces, ready for dispatch. */
export interface Pipeline {
  readonly extensions: readonly RelayExtension[]
  readonly handlers: ReadonlyMap<number, SomeAccordHandler>
  /** The draft's circumstances the policy looks at (its phase, the time). */
  context(documentId: string): PolicyContext
}

/**
 * Every kind of message a client may send, with the policy action it needs (null: ignored for everyone).
 * The relay's matrix test checks this list against the policy and the registered handlers.
 */
export const STANDARD_MESSAGE_ACTIONS = {
  'sync.step1': 'text.read',
  'sync.step2': 'text.edit',
  'sync.update': 'text.edit',
  awareness: 'presence.publish',
  'awareness.query': 'text.read',
  auth: null,
} as const satisfies Record<string, Action | null>

/**
 * One client on one draft. Speaks the y-websocket protocol; asks the policy about every message (sync
 * step 2 and updates from those who may not edit are dropped, and so on), keeps awareness honest (a
 * clientID belongs to the connection that introduced it; user fields are stamped from the server's
 * record, never taken from the client), and hands everything else to the registered pieces.
 */
export class RelayConnection {
  readonly ownedClients = new Set<number>()
  private closed = false
  /** Yjs updates dropped (not allowed to edit, or refused by a piece): for tests and logs. */
  droppedWrites = 0
  /** Times reading from this connection paused because it had used its share of the relay: for tests and logs. */
  pauses = 0
  /** Messages received and not yet handled (flow control holds them back). */
  private readonly inbox: Uint8Array[] = []
  private inboxHead = 0
  private draining = false
  private resumeTimer: NodeJS.Timeout | NodeJS.Immediate | null = null

  constructor(
    private readonly transport: Transport,
    readonly room: RelayRoom,
    public participant: Participant,
    readonly credentialHash: string,
    /** Whether it understands Accord's own message types. */
    readonly accordClient: boolean,
    private readonly pipeline: Pipeline,
    private readonly logger: Logger,
  ) {}

  /** Edits this connection delivers are its participant's (LiveDraft records who typed with which clientID). */
  get author(): PersonRef {
    const { id, name, org } = this.participant
    return { id, name, org }
  }

  /** The policy's answer for this connection's participant on its draft. */
  allows(action: Action): boolean {
    return can(this.participant, action, this.pipeline.context(this.room.id)).allowed
  }

  send(message: Uint8Array): void {
    if (this.closed || !this.transport.open) return
    if (this.transport.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(CLOSE_RATE_LIMITED, 'Connection too slow to keep up; reconnect to resync.')
      return
    }
    this.transport.send(message)
  }

  /** Greets a new connection: the server's state vector and everyone's presence. */
  start(): void {
    this.send(syncStep1Message(this.room.doc))
    this.sendAllPresence()
  }

  private sendAllPresence(): void {
    const clients = [...this.room.awareness.getStates().keys()]
    if (clients.length > 0) this.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, clients)))
  }

  close(code: number, reason: string): void {
    if (this.closed) return
    this.closed = true
    this.stopWaiting()
    // A connection held back by flow control must be read again, or the client's answer to the close
    // frame is never read and it waits its close timeout (30 s in ws) before reconnecting elsewhere.
    this.transport.resume()
    this.transport.close(code, reason)
  }

  private stopWaiting(): void {
    if (this.resumeTimer === null) return
    clearTimeout(this.resumeTimer as NodeJS.Timeout)
    clearImmediate(this.resumeTimer as NodeJS.Immediate)
    this.resumeTimer = null
  }

  /**
   * Takes one incoming message. Messages are handled in order, at the pace the flow-control pieces allow:
   * while they hold a connection back, its messages wait here and reading from its socket pauses (the
   * queue holds at most what the socket had already delivered, so memory stays bounded).
   */
  handleMessage(data: Uint8Array): void {
    if (this.closed) return
    this.inbox.push(data)
    if (!this.draining && this.resumeTimer === null) this.drain()
  }

  private drain(): void {
    this.draining = true
    try {
      while (this.inboxHead < this.inbox.length && !this.closed) {
        const admission = this.admit()
        if (admission) {
          if ('close' in admission) return this.close(admission.close, admission.reason)
          return this.pauseFor(admission.waitMs)
        }
        const data = this.inbox[this.inboxHead]!
        this.inbox[this.inboxHead++] = EMPTY
        const started = performance.now()
        this.read(data)
        const busyMs = performance.now() - started
        for (const extension of this.pipeline.extensions) extension.afterMessage?.(this, busyMs)
        if (this.inboxHead >= INBOX_COMPACT_AT) {
          this.inbox.splice(0, this.inboxHead)
          this.inboxHead = 0
        }
      }
      this.inbox.length = 0
      this.inboxHead = 0
    } finally {
      this.draining = false
    }
  }

  /** The strictest answer of the pieces: a close, else the longest wait. */
  private admit(): Admission {
    let wait: { waitMs: number } | undefined
    for (const extension of this.pipeline.extensions) {
      const admission = extension.admit?.(this)
      if (admission && 'close' in admission) return admission
      if (admission && (!wait || admission.waitMs > wait.waitMs)) wait = admission
    }
    return wait
  }

  private pauseFor(waitMs: number): void {
    this.transport.pause()
    if (waitMs > 0) this.pauses++
    const resume = () => {
      this.resumeTimer = null
      if (this.closed) return
      this.transport.resume()
      this.drain()
    }
    this.resumeTimer = waitMs > 0 ? setTimeout(resume, waitMs) : setImmediate(resume)
  }

  private read(data: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(data)
      const type = decoding.readVarUint(decoder)
      switch (type) {
        case MESSAGE_SYNC:
          this.handleSync(decoder)
          break
        case MESSAGE_AWARENESS: {
          const update = decoding.readVarUint8Array(decoder)
          if (this.allows(STANDARD_MESSAGE_ACTIONS.awareness)) this.handleAwareness(update)
          break
        }
        case MESSAGE_QUERY_AWARENESS:
          if (this.allows(STANDARD_MESSAGE_ACTIONS['awareness.query'])) this.sendAllPresence()
          break
        case MESSAGE_AUTH:
          break // the server is the only side that sends auth messages
        default:
          this.handleAccordMessage(type, decoder)
      }
      // A real client's message ends where its last field ends. Bytes beyond it mean a crafted or damaged
      // frame: close on it rather than act on a prefix (auth messages are ignored unread).
      if (type !== MESSAGE_AUTH && decoding.hasContent(decoder)) throw new Error('trailing bytes after the message')
    } catch (err) {
      this.logger.warn('connection closed: malformed message', {
        document: this.room.id,
        participant: this.participant.id,
        error: String(err),
      })
      this.close(CLOSE_MALFORMED, 'Malformed message')
    }
  }

  private handleAccordMessage(type: number, decoder: decoding.Decoder): void {
    const handler = this.pipeline.handlers.get(type)
    if (!handler) throw new Error(`unknown message type ${type}`)
    // Read (and so checked) before the policy is asked: a malformed message closes the socket either way.
    const message = decodeAccordPayload(handler.type, decoder)
    // The handler registered for this type reads that type's message (TypeScript cannot pair them up).
    if (this.allows(handler.action)) handler.handle(this, message as never)
  }

  private handleSync(decoder: decoding.Decoder): void {
    const sub = decoding.readVarUint(decoder)
    switch (sub) {
      case SYNC_STEP1: {
        const stateVector = decoding.readVarUint8Array(decoder)
        if (this.allows(STANDARD_MESSAGE_ACTIONS['sync.step1'])) this.send(syncStep2Message(this.room.doc, stateVector))
        return
      }
      case SYNC_STEP2:
      case SYNC_UPDATE: {
        const update = decoding.readVarUint8Array(decoder)
        const verdict = this.mayApply(update, sub === SYNC_STEP2 ? 'sync.step2' : 'sync.update')
        if (!verdict.accept) {
          this.droppedWrites++
          return
        }
        // Only the V1 decoder ever sees network bytes: it fails fast on crafted input (yjs issue 687).
        // It also stops reading where a valid update would end, so two of the crafted updates in that issue
        // pass as empty updates followed by junk: require every byte to be consumed, or close the socket.
        const updateDecoder = decoding.createDecoder(update)
        Y.readUpdate(updateDecoder, this.room.doc, this)
        if (decoding.hasContent(updateDecoder)) throw new Error('trailing bytes after the Yjs update')
        return
      }
      default:
        throw new Error(`unknown sync message type ${sub}`)
    }
  }

  private mayApply(update: Uint8Array, kind: 'sync.step2' | 'sync.update'): UpdateVerdict {
    const decision = can(this.participant, STANDARD_MESSAGE_ACTIONS[kind], this.pipeline.context(this.room.id))
    if (!decision.allowed) return { accept: false, reason: decision.code }
    for (const extension of this.pipeline.extensions) {
      const verdict = extension.beforeApplyUpdate?.(this, update)
      if (verdict && !verdict.accept) return verdict
    }
    return { accept: true }
  }

  private handleAwareness(update: Uint8Array): void {
    const owners = this.room.awarenessOwners
    const claimed: number[] = []
    const accepted = decodeAwarenessUpdate(update).filter((entry) => {
      const owner = owners.get(entry.clientID)
      if (owner && owner !== this) return false
      if (!owner) {
        if (this.ownedClients.size >= MAX_OWNED_CLIENTS) return false
        owners.set(entry.clientID, this)
        this.ownedClients.add(entry.clientID)
        claimed.push(entry.clientID)
      }
      return true
    })
    for (const clientId of claimed) for (const extension of this.pipeline.extensions) extension.onClientClaimed?.(this, clientId)
    if (accepted.length === 0) return
    for (const entry of accepted) if (entry.state !== null) entry.state = { ...entry.state, user: this.userFields() }
    awarenessProtocol.applyAwarenessUpdate(this.room.awareness, encodeAwarenessUpdate(accepted), this)
  }

  /** The user fields everyone sees for this connection, from the server's record. */
  private userFields(): Record<string, unknown> {
    const p = this.participant
    return { id: p.id, name: p.name, org: p.org, role: p.role, color: userColor(p.id) }
  }

  /** Applies a role or name change at once: what it may do changes, presence is re-stamped, the client is told. */
  updateParticipant(participant: Participant): void {
    const previous = this.participant
    const couldWrite = this.allows('text.edit')
    this.participant = participant
    // Edits dropped while read-only (or in flight at a downgrade) would leave every later edit of this
    // client pending on the server for good: on gaining write access, ask the client for what we lack.
    if (!couldWrite && this.allows('text.edit')) this.send(syncStep1Message(this.room.doc))
    const states = this.room.awareness.getStates()
    const entries = [...this.ownedClients]
      .filter((id) => states.has(id))
      .map((id) => {
        const meta = this.room.awareness.meta.get(id)
        return { clientID: id, clock: (meta?.clock ?? 0) + 1, state: { ...states.get(id), user: this.userFields() } }
      })
    if (entries.length > 0) awarenessProtocol.applyAwarenessUpdate(this.room.awareness, encodeAwarenessUpdate(entries), this)
    if (this.accordClient) this.send(sessionMessage(participant.role))
    for (const extension of this.pipeline.extensions) extension.onParticipantChanged?.(this, previous)
  }

  /** Forgets this connection's presence when it goes away. */
  leave(): void {
    this.closed = true
    this.stopWaiting()
    this.inbox.length = 0
    const owned = [...this.ownedClients]
    for (const id of owned) this.room.awarenessOwners.delete(id)
    if (owned.length > 0) awarenessProtocol.removeAwarenessStates(this.room.awareness, owned, this)
    this.room.members.delete(this)
    for (const extension of this.pipeline.extensions) extension.onDisconnect?.(this)
  }
}
