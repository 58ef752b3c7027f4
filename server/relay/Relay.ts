import { type IncomingMessage, STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { englishMessage } from '../../shared/errorMessages'
import type { EmptyErrorCode } from '../../shared/errors'
import type { PolicyContext } from '../../shared/policy'
import { ACCORD_CLIENT_PARAM, CLOSE_DRAFT_MOVED, CLOSE_REVOKED, CLOSE_SERVER_SHUTDOWN, COLLAB_PATH, MAX_MESSAGE_BYTES, MESSAGE_DRAFT, SESSION_RECHECK_MS } from '../../shared/protocol'
import type { DocumentMeta, Participant } from '../../shared/types'
import { encodeAccordMessage } from '../../shared/accordMessages'
import { isValidDocumentId } from '../../shared/validation'
import { presentedSecret } from '../auth/requestCredentials'
import type { LiveDraft } from '../drafts/LiveDraft'
import type { LiveDrafts } from '../drafts/LiveDrafts'
import { errorResponse } from '../http/errors'
import { isAllowedOrigin } from '../http/origin'
import type { Logger } from '../logger'
import { DraftElsewhereError, StaleOwnerError } from '../store/errors'
import type { Credential } from '../store/Store'
import type { RelayExtension, RelayView, SomeAccordHandler } from './extensions'
import { type Pipeline, RelayConnection, STANDARD_MESSAGE_ACTIONS } from './RelayConnection'
import { RelayRoom } from './RelayRoom'
import { type Transport, wsTransport } from './transport'

/** Who is connecting, and with which credential (re-checked while the connection lasts). */
export interface RelayPrincipal {
  participant: Participant
  credentialHash: string
}

export interface RelayOptions {
  drafts: LiveDrafts
  /** Authenticates a presented secret at upgrade; null refuses it. */
  authenticate(secret: string, kinds: readonly Credential['kind'][]): Promise<RelayPrincipal | null>
  /** Re-checks an open connection's credential; null closes it. */
  recheck(credentialHash: string): Promise<RelayPrincipal | null>
  /** The registered pieces, in the order their hooks run. */
  extensions: readonly RelayExtension[]
  /** What the policy needs to know about a draft (its phase; the time). */
  context?(documentId: string): PolicyContext
  logger: Logger
  allowedOrigins: readonly string[]
}

/** Whether what a connection knows of its participant is out of date (what the relay and the policy look at). */
const participantDiffers = (a: Participant, b: Participant): boolean =>
  a.role !== b.role || a.name !== b.name || a.org !== b.org || Boolean(a.focalPoint) !== Boolean(b.focalPoint)

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
 * The collaboration relay at `/collab/<documentId>`: checks Origin and credentials at upgrade, then puts
 * each socket as a RelayConnection in its draft's room, where the policy and the registered pieces
 * decide what its messages do. Role changes and revocations reach open sockets at once; sessions that
 * expire are closed within SESSION_RECHECK_MS.
 */
export class Relay implements RelayView {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false })
  private readonly connections = new Set<RelayConnection>()
  private readonly rooms = new Map<string, RelayRoom>()
  private readonly pipeline: Pipeline
  private readonly recheckTimer: NodeJS.Timeout
  private rechecking = false

  constructor(private readonly options: RelayOptions) {
    const handlers = new Map<number, SomeAccordHandler>()
    for (const extension of options.extensions) {
      for (const handler of extension.handlers ?? []) {
        if (handlers.has(handler.type)) throw new Error(`two relay pieces handle message type ${handler.type}`)
        handlers.set(handler.type, handler)
      }
    }
    this.pipeline = { extensions: options.extensions, handlers, context: options.context ?? (() => ({})) }
    this.recheckTimer = setInterval(() => void this.recheckCredentials(), SESSION_RECHECK_MS)
    this.recheckTimer.unref()
  }

  /** Every kind of message a client may send, with the policy action each needs (the relay's matrix test). */
  messageKinds(): { kind: string; action: string | null }[] {
    const standard = Object.entries(STANDARD_MESSAGE_ACTIONS).map(([kind, action]) => ({ kind, action }))
    const own = [...this.pipeline.handlers.values()].map((h) => ({ kind: `accord.${h.type}`, action: h.action }))
    return [...standard, ...own]
  }

  get connectionCount(): number {
    return this.connections.size
  }

  /** Connections currently open on a draft. */
  connectionsOn(documentId: string): RelayConnection[] {
    return [...(this.rooms.get(documentId)?.members ?? [])]
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    void this.upgrade(req, socket, head).catch((err: unknown) => {
      // Another instance took the draft meanwhile (scale-out): the client retries and is routed there.
      if (err instanceof DraftElsewhereError || err instanceof StaleOwnerError) return refuse(socket, 'server.draftMoved')
      this.options.logger.error('upgrade failed', { error: String(err) })
      refuse(socket, 'server.draftUnavailable')
    })
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy())
    const url = new URL(req.url ?? '/', 'http://localhost')
    const documentId = url.pathname.startsWith(COLLAB_PATH) ? url.pathname.slice(COLLAB_PATH.length) : ''
    if (!isValidDocumentId(documentId)) return refuse(socket, 'draft.notFound')
    if (!isAllowedOrigin(req, this.options.allowedOrigins)) return refuse(socket, 'auth.originRefused')
    const presented = presentedSecret(req, true)
    if (!presented) return refuse(socket, 'auth.relaySignInRequired')
    const principal = await this.options.authenticate(presented.secret, presented.kinds)
    if (!principal) return refuse(socket, 'auth.sessionInvalid')
    const draft = await this.options.drafts.acquire(documentId)
    if (!draft) return refuse(socket, 'draft.notFound')
    const accordClient = url.searchParams.get('client') === ACCORD_CLIENT_PARAM
    let handedOver = false
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      handedOver = true
      this.attachSocket(ws, draft, principal, accordClient)
    })
    // ws refuses a malformed handshake (bad key or version) or a client that already hung up by closing the
    // socket without calling back: the hold must go too, or the draft stays loaded for good.
    if (handedOver) return
    const releaseUnlessHandedOver = () => {
      if (!handedOver) this.options.drafts.release(draft)
    }
    if (socket.destroyed) releaseUnlessHandedOver()
    else socket.once('close', releaseUnlessHandedOver)
  }

  private attachSocket(ws: WebSocket, draft: LiveDraft, principal: RelayPrincipal, accordClient: boolean): void {
    const conn = this.attach(wsTransport(ws), draft, principal, accordClient)
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) return conn.close(1003, 'Binary messages only')
      conn.handleMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    })
    ws.on('error', (err) => this.options.logger.warn('socket error', { document: draft.id, error: err.message }))
    ws.on('close', () => this.detach(conn))
  }

  /**
   * Puts a connection on a draft the caller holds (the hold passes to the connection and is released by
   * `detach`), greets it and tells the registered pieces. Real sockets come through the upgrade; unit
   * tests attach in-memory transports.
   */
  attach(transport: Transport, draft: LiveDraft, principal: RelayPrincipal, accordClient: boolean): RelayConnection {
    let room = this.rooms.get(draft.id)
    if (!room) {
      room = new RelayRoom(draft, (r) => this.draftSaved(r))
      this.rooms.set(draft.id, room)
    }
    const conn = new RelayConnection(
      transport,
      room,
      principal.participant,
      principal.credentialHash,
      accordClient,
      this.pipeline,
      this.options.logger,
    )
    this.connections.add(conn)
    room.members.add(conn)
    conn.start()
    for (const extension of this.pipeline.extensions) extension.onConnect?.(conn)
    return conn
  }

  /** Takes a connection off its draft (its socket closed) and drops its hold on the draft. */
  detach(conn: RelayConnection): void {
    if (!this.connections.delete(conn)) return
    conn.leave()
    const room = conn.room
    if (room.members.size === 0 && this.rooms.get(room.id) === room) {
      this.rooms.delete(room.id)
      room.destroy()
    }
    this.options.drafts.release(room.draft)
  }

  private draftSaved(room: RelayRoom): void {
    for (const extension of this.pipeline.extensions) extension.onDraftSaved?.(room)
  }

  /** A draft's record changed (a new phase freezes or opens the text): its Accord clients are told at once. */
  draftChanged(meta: DocumentMeta): void {
    const message = encodeAccordMessage({ type: MESSAGE_DRAFT, draft: meta })
    for (const conn of this.connectionsOn(meta.id)) if (conn.accordClient) conn.send(message)
  }

  /** Closes every connection on a draft (another instance serves it now): clients reconnect and resync there. */
  closeDraft(documentId: string): void {
    for (const conn of this.connectionsOn(documentId)) conn.close(CLOSE_DRAFT_MOVED, 'This draft moved to another server; reconnecting.')
  }

  /** A participant's role or details changed, or they were revoked: their open connections follow at once. */
  participantChanged(participant: Participant): void {
    for (const conn of this.connections) {
      if (conn.participant.id !== participant.id) continue
      if (participant.revokedAt) conn.close(CLOSE_REVOKED, englishMessage('auth.revoked', {}))
      else conn.updateParticipant(participant)
    }
  }

  /**
   * Every second, each open connection's credential is checked against the store (once per credential):
   * an ended one closes the socket; a participant whose role or name changed is updated. With several
   * instances this also catches a revocation or role change made on another one, without any event.
   */
  private async recheckCredentials(): Promise<void> {
    if (this.rechecking) return
    this.rechecking = true
    try {
      const checks = new Map<string, Promise<RelayPrincipal | null | undefined>>()
      for (const conn of [...this.connections]) {
        let check = checks.get(conn.credentialHash)
        if (!check) {
          // A store that cannot answer now (a database restarting) closes nobody; the next round asks again.
          check = this.options.recheck(conn.credentialHash).catch(() => undefined)
          checks.set(conn.credentialHash, check)
        }
        const principal = await check
        if (principal === null) conn.close(CLOSE_REVOKED, englishMessage('auth.sessionEnded', {}))
        else if (principal && participantDiffers(principal.participant, conn.participant)) conn.updateParticipant(principal.participant)
      }
    } finally {
      this.rechecking = false
    }
  }

  /** Closes every connection (shutdown). */
  close(): void {
    clearInterval(this.recheckTimer)
    for (const conn of this.connections) conn.close(CLOSE_SERVER_SHUTDOWN, 'Server is restarting')
    this.wss.close()
  }
}
