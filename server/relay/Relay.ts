import { type IncomingMessage, STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import {
  ACCORD_CLIENT_PARAM,
  CLOSE_REVOKED,
  CLOSE_SERVER_SHUTDOWN,
  COLLAB_PATH,
  MAX_MESSAGE_BYTES,
  SESSION_RECHECK_MS,
} from '../../shared/protocol'
import { commentsMessage } from '../../shared/accordMessages'
import { isValidDocumentId } from '../../shared/validation'
import type { CommentEvent, Participant } from '../../shared/types'
import { presentedSecret } from '../auth/requestCredentials'
import { errorResponse } from '../http/errors'
import { isAllowedOrigin } from '../http/origin'
import { englishMessage } from '../../shared/errorMessages'
import type { EmptyErrorCode } from '../../shared/errors'
import type { RateLimit } from '../config'
import type { Logger } from '../logger'
import type { ParticipantService, Principal } from '../participants/ParticipantService'
import type { DocRoom } from './DocRoom'
import { type ConnectionHooks, RelayConnection } from './RelayConnection'
import type { RoomRegistry } from './RoomRegistry'

export interface RelayOptions {
  registry: RoomRegistry
  participants: ParticipantService
  hooks: ConnectionHooks
  logger: Logger
  allowedOrigins: readonly string[]
  rateLimit: RateLimit | false
}

/** Refuses an upgrade with a plain HTTP response carrying the API's error body, before any document is touched. */
function refuse(socket: Duplex, code: EmptyErrorCode): void {
  const { status, body } = errorResponse(code, {})
  const json = JSON.stringify(body)
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\n` +
      `Connection: close\r\n\r\n${json}`,
  )
}

/**
 * The collaboration relay at `/collab/<documentId>`: checks Origin and credentials at upgrade, then hands
 * each socket to a RelayConnection in the draft's room. Role changes and revocations reach open sockets
 * at once; sessions that expire are closed within SESSION_RECHECK_MS.
 */
export class Relay {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false })
  private readonly connections = new Set<RelayConnection>()
  private readonly recheckTimer: NodeJS.Timeout
  private readonly onParticipantChanged = (p: Participant) => this.applyParticipantChange(p)

  constructor(private readonly options: RelayOptions) {
    options.participants.on('changed', this.onParticipantChanged)
    this.recheckTimer = setInterval(() => void this.recheckCredentials(), SESSION_RECHECK_MS)
    this.recheckTimer.unref()
  }

  get connectionCount(): number {
    return this.connections.size
  }

  /** Connections currently open on a draft (tests and diagnostics). */
  connectionsOn(documentId: string): RelayConnection[] {
    return [...this.connections].filter((c) => c.room.id === documentId)
  }

  /** Sends a comment event to every Accord client on the draft. */
  broadcastComments(documentId: string, event: CommentEvent): void {
    this.options.registry.peek(documentId)?.broadcastComments(event)
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    void this.upgrade(req, socket, head).catch((err: unknown) => {
      this.options.logger.error('upgrade failed', { error: String(err) })
      refuse(socket, 'server.draftUnavailable')
    })
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy())
    const url = new URL(req.url ?? '/', 'http://localhost')
    const documentId = url.pathname.startsWith(COLLAB_PATH) ? url.pathname.slice(COLLAB_PATH.length) : ''
    if (!isValidDocumentId(documentId)) return refuse(socket, 'draft.notFound')
    if (!isAllowedOrigin(req, this.options.allowedOrigins)) {
      return refuse(socket, 'auth.originRefused')
    }
    const presented = presentedSecret(req, true)
    if (!presented) return refuse(socket, 'auth.relaySignInRequired')
    const principal = await this.options.participants.authenticate(presented.secret, presented.kinds)
    if (!principal) return refuse(socket, 'auth.sessionInvalid')
    const room = await this.options.registry.acquire(documentId)
    if (!room) return refuse(socket, 'draft.notFound')
    const accordClient = url.searchParams.get('client') === ACCORD_CLIENT_PARAM
    let handedOver = false
    const releaseOnce = () => {
      if (handedOver) return
      handedOver = true
      this.options.registry.release(room)
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.accept(ws, room, principal, accordClient)
      releaseOnce()
    })
    // ws refuses a malformed handshake (bad key or version) or a client that already hung up by closing the
    // socket without calling back: the hold must go too, or the draft stays loaded for good.
    if (handedOver) return
    if (socket.destroyed) releaseOnce()
    else socket.once('close', releaseOnce)
  }

  private accept(ws: WebSocket, room: DocRoom, principal: Principal, accordClient: boolean): void {
    const { hooks, logger, registry } = this.options
    const conn = new RelayConnection(
      ws,
      room,
      principal.participant,
      principal.credentialHash,
      accordClient,
      hooks,
      logger,
      this.options.rateLimit,
    )
    this.connections.add(conn)
    room.members.add(conn)
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) return conn.close(1003, 'Binary messages only')
      conn.handleMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    })
    ws.on('error', (err) => logger.warn('socket error', { document: room.id, error: err.message }))
    ws.on('close', () => {
      this.connections.delete(conn)
      conn.leave()
      registry.unloadIfIdle(room)
    })
    conn.start()
    if (accordClient) {
      hooks
        .commentSnapshot(room.id)
        .then((event) => conn.send(commentsMessage(event)))
        .catch((err: unknown) => logger.error('could not send comments', { document: room.id, error: String(err) }))
    }
  }

  private applyParticipantChange(participant: Participant): void {
    for (const conn of this.connections) {
      if (conn.participant.id !== participant.id) continue
      if (participant.revokedAt) conn.close(CLOSE_REVOKED, englishMessage('auth.revoked', {}))
      else conn.updateParticipant(participant)
    }
  }

  private async recheckCredentials(): Promise<void> {
    for (const conn of [...this.connections]) {
      const principal = await this.options.participants.principalFor(conn.credentialHash, ['session', 'token'])
      if (!principal) conn.close(CLOSE_REVOKED, englishMessage('auth.sessionEnded', {}))
    }
  }

  /** Closes every connection (shutdown). */
  close(): void {
    clearInterval(this.recheckTimer)
    this.options.participants.off('changed', this.onParticipantChanged)
    for (const conn of this.connections) conn.close(CLOSE_SERVER_SHUTDOWN, 'Server is restarting')
    this.wss.close()
  }
}
