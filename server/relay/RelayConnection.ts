import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { WebSocket } from 'ws'
import {
  MESSAGE_ANCHOR_REPAIR,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
  CLOSE_MALFORMED,
  CLOSE_RATE_LIMITED,
} from '../../shared/protocol'
import { sessionMessage } from '../../shared/accordMessages'
import type { CommentEvent, Participant, Role } from '../../shared/types'
import type { RateLimit } from '../config'
import type { Logger } from '../logger'
import { TokenBucket } from '../util/TokenBucket'
import { decodeAwarenessUpdate, encodeAwarenessUpdate } from './awarenessUpdates'
import type { DocRoom, RoomMember } from './DocRoom'
import { awarenessMessage, syncStep1Message, syncStep2Message } from './messages'
import { userColor } from './userColor'

/** Roles whose document updates are applied; everyone else is read-only on the text. */
const WRITERS: ReadonlySet<Role> = new Set(['chair', 'editor'])
/** A browser introduces one awareness clientID per tab; more from one socket is not a real client. */
const MAX_OWNED_CLIENTS = 8
/** A client that lets this much pile up unread is dropped; it resyncs when it reconnects. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024

/** What the relay asks of the comments side. */
export interface ConnectionHooks {
  /** Handles an anchor-repair message from a writer (JSON payload). */
  repairAnchors(documentId: string, participant: Participant, payload: string): Promise<void>
  /** Every comment of the draft, sent to an Accord client when it connects. */
  commentSnapshot(documentId: string): Promise<CommentEvent>
}

/**
 * One WebSocket on one draft. Speaks the y-websocket protocol and enforces, per message: the rate limit,
 * read-only roles (sync step 2 and updates from commenters and observers are dropped), awareness
 * ownership (a clientID belongs to the connection that introduced it) and the user fields in awareness
 * (stamped from the server's record, never taken from the client).
 */
export class RelayConnection implements RoomMember {
  readonly ownedClients = new Set<number>()
  private readonly bucket: TokenBucket | null
  private closed = false
  /** Messages dropped because the role may not write (for tests and logs). */
  droppedWrites = 0

  constructor(
    private readonly ws: WebSocket,
    readonly room: DocRoom,
    public participant: Participant,
    readonly credentialHash: string,
    readonly accordClient: boolean,
    private readonly hooks: ConnectionHooks,
    private readonly logger: Logger,
    private readonly rateLimit: RateLimit | false,
  ) {
    this.bucket = rateLimit ? new TokenBucket(rateLimit.burst, rateLimit.perSecond) : null
  }

  get canWrite(): boolean {
    return WRITERS.has(this.participant.role)
  }

  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(CLOSE_RATE_LIMITED, 'Connection too slow to keep up; reconnect to resync.')
      return
    }
    this.ws.send(message)
  }

  /** Greets a new connection: the server's state vector and everyone's presence. */
  start(): void {
    this.send(syncStep1Message(this.room.doc))
    const states = [...this.room.awareness.getStates().keys()]
    if (states.length > 0) {
      this.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, states)))
    }
  }

  close(code: number, reason: string): void {
    if (this.closed) return
    this.closed = true
    this.ws.close(code, reason)
  }

  handleMessage(data: Uint8Array): void {
    if (this.closed) return
    if (this.bucket && !this.bucket.take() && this.rateLimit) {
      this.logger.warn('connection closed: rate limit', { document: this.room.id, participant: this.participant.id })
      this.close(CLOSE_RATE_LIMITED, `Too many messages (over ${this.rateLimit.perSecond}/s sustained); reconnecting.`)
      return
    }
    try {
      const decoder = decoding.createDecoder(data)
      const type = decoding.readVarUint(decoder)
      switch (type) {
        case MESSAGE_SYNC:
          this.handleSync(decoder)
          break
        case MESSAGE_AWARENESS:
          this.handleAwareness(decoding.readVarUint8Array(decoder))
          break
        case MESSAGE_QUERY_AWARENESS: {
          const clients = [...this.room.awareness.getStates().keys()]
          this.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, clients)))
          break
        }
        case MESSAGE_AUTH:
          break // the server is the only side that sends auth messages
        case MESSAGE_ANCHOR_REPAIR:
          this.handleAnchorRepair(decoding.readVarString(decoder))
          break
        default:
          throw new Error(`unknown message type ${type}`)
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

  private handleSync(decoder: decoding.Decoder): void {
    const sub = decoding.readVarUint(decoder)
    switch (sub) {
      case SYNC_STEP1:
        this.send(syncStep2Message(this.room.doc, decoding.readVarUint8Array(decoder)))
        return
      case SYNC_STEP2:
      case SYNC_UPDATE: {
        const update = decoding.readVarUint8Array(decoder)
        if (!this.canWrite) {
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

  private handleAwareness(update: Uint8Array): void {
    const owners = this.room.awarenessOwners
    const accepted = decodeAwarenessUpdate(update).filter((entry) => {
      const owner = owners.get(entry.clientID)
      if (owner && owner !== this) return false
      if (!owner) {
        if (this.ownedClients.size >= MAX_OWNED_CLIENTS) return false
        owners.set(entry.clientID, this)
        this.ownedClients.add(entry.clientID)
        this.room.sendSaveStatus(this)
      }
      return true
    })
    if (accepted.length === 0) return
    for (const entry of accepted) if (entry.state !== null) entry.state = { ...entry.state, user: this.userFields() }
    awarenessProtocol.applyAwarenessUpdate(this.room.awareness, encodeAwarenessUpdate(accepted), this)
  }

  private handleAnchorRepair(payload: string): void {
    if (!this.canWrite) {
      this.droppedWrites++
      return
    }
    this.hooks.repairAnchors(this.room.id, this.participant, payload).catch((err: unknown) => {
      this.logger.warn('anchor repair rejected', { document: this.room.id, error: String(err) })
    })
  }

  /** The user fields everyone sees for this connection, from the server's record. */
  private userFields(): Record<string, unknown> {
    const p = this.participant
    return { id: p.id, name: p.name, org: p.org, role: p.role, color: userColor(p.id) }
  }

  /** Applies a role or name change at once: writes stop, presence is re-stamped, the client is told. */
  updateParticipant(participant: Participant): void {
    const couldWrite = this.canWrite
    this.participant = participant
    // Edits dropped while read-only (or in flight at a downgrade) would leave every later edit of this
    // client pending on the server for good: on gaining write access, ask the client for what we lack.
    if (!couldWrite && this.canWrite) this.send(syncStep1Message(this.room.doc))
    const states = this.room.awareness.getStates()
    const entries = [...this.ownedClients]
      .filter((id) => states.has(id))
      .map((id) => {
        const meta = this.room.awareness.meta.get(id)
        return { clientID: id, clock: (meta?.clock ?? 0) + 1, state: { ...states.get(id), user: this.userFields() } }
      })
    if (entries.length > 0) awarenessProtocol.applyAwarenessUpdate(this.room.awareness, encodeAwarenessUpdate(entries), this)
    if (this.accordClient) this.send(sessionMessage(participant.role))
  }

  /** Forgets this connection's presence when it goes away. */
  leave(): void {
    this.closed = true
    const owned = [...this.ownedClients]
    for (const id of owned) this.room.awarenessOwners.delete(id)
    if (owned.length > 0) awarenessProtocol.removeAwarenessStates(this.room.awareness, owned, this)
    this.room.members.delete(this)
  }
}
