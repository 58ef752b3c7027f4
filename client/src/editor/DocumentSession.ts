import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { decodeAccordPayload, encodeAccordMessage, type AccordMessageOf } from '../../../shared/accordMessages'
import {
  ACCORD_CLIENT_PARAM,
  CLOSE_REVOKED,
  CONTENT_FIELD,
  MAX_ANCHOR_REPAIRS_PER_MESSAGE,
  MESSAGE_ANCHOR_REPAIR,
  MESSAGE_COMMENTS,
  MESSAGE_DRAFT,
  MESSAGE_SAVE_STATUS,
  MESSAGE_SESSION,
} from '../../../shared/protocol'
import type { AnchorRepair } from '../../../shared/draft/anchorRepairs'
import type { DocumentMeta, Role } from '../../../shared/types'
import { CommentsStore } from '../comments/CommentsStore'
import { batchRemoteUpdates } from './remoteUpdateBatcher'

export type ConnectionState = 'connecting' | 'connected' | 'offline' | 'closed'
/** saved: the server confirmed every edit of this tab is on disk. */
export type SaveState = 'saved' | 'saving' | 'failed'

export interface SessionSnapshot {
  connection: ConnectionState
  synced: boolean
  save: SaveState
  role: Role
  /** The draft's record as last pushed (a new phase, a deadline): newer than what the page loaded. */
  draft?: DocumentMeta
  /** Why the server closed the connection for good (revoked, deleted). */
  closedReason?: string
}

/**
 * One open draft in the browser: the Y.Doc, its y-websocket provider (with Accord's own messages for
 * "saved", comments and role changes), and the draft's comments. Components subscribe to changes.
 */
export class DocumentSession {
  readonly doc = new Y.Doc()
  readonly fragment: Y.XmlFragment
  readonly provider: WebsocketProvider
  readonly comments = new CommentsStore()
  private persisted = new Map<number, number>()
  private lastSaveOk = true
  private snapshot: SessionSnapshot
  private readonly listeners = new Set<() => void>()
  /** Repairs made while offline; sent on reconnect, before the edits they describe. */
  private pendingRepairs: AnchorRepair[] = []
  private readonly stopBatching: () => void

  constructor(
    readonly documentId: string,
    role: Role,
  ) {
    this.fragment = this.doc.getXmlFragment(CONTENT_FIELD)
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
    this.provider = new WebsocketProvider(`${scheme}://${location.host}/collab`, documentId, this.doc, {
      params: { client: ACCORD_CLIENT_PARAM },
      // Every tab talks to the server: the server is what enforces roles and confirms saving.
      disableBc: true,
    })
    this.snapshot = { connection: 'connecting', synced: false, save: 'saved', role }
    this.stopBatching = batchRemoteUpdates(this.provider, this.doc)
    // A malformed message throws out of the provider's onmessage: it is dropped and logged, as y-websocket
    // does with its own messages.
    this.provider.messageHandlers[MESSAGE_SAVE_STATUS] = (_enc, dec) => this.applySaveStatus(decodeAccordPayload(MESSAGE_SAVE_STATUS, dec))
    this.provider.messageHandlers[MESSAGE_COMMENTS] = (_enc, dec) => this.comments.apply(decodeAccordPayload(MESSAGE_COMMENTS, dec).event)
    this.provider.messageHandlers[MESSAGE_SESSION] = (_enc, dec) => this.update({ role: decodeAccordPayload(MESSAGE_SESSION, dec).role })
    this.provider.messageHandlers[MESSAGE_DRAFT] = (_enc, dec) => this.update({ draft: decodeAccordPayload(MESSAGE_DRAFT, dec).draft })
    this.provider.on('status', ({ status }) => {
      if (status === 'connected') this.flushRepairs()
      if (this.snapshot.connection === 'closed') return
      this.update({ connection: status === 'connected' ? 'connected' : status === 'connecting' ? 'connecting' : 'offline' })
    })
    this.provider.on('sync', (synced: boolean) => this.update({ synced }))
    this.provider.on('connection-close', (event) => {
      if (event && event.code === CLOSE_REVOKED) this.update({ connection: 'closed', closedReason: event.reason })
    })
    this.provider.on('closed', ({ reason }) => this.update({ connection: 'closed', closedReason: reason }))
    this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== this.provider) this.recomputeSave()
    })
  }

  get state(): SessionSnapshot {
    return this.snapshot
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private update(patch: Partial<SessionSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch }
    for (const l of this.listeners) l()
  }

  private applySaveStatus({ ok, clocks }: AccordMessageOf<typeof MESSAGE_SAVE_STATUS>): void {
    this.lastSaveOk = ok
    for (const [client, clock] of clocks) this.persisted.set(client, clock)
    this.recomputeSave()
  }

  /** Saved when the server has written everything this tab typed (its clock for our clientID). */
  private recomputeSave(): void {
    const mine = Y.getState(this.doc.store, this.doc.clientID)
    const onDisk = this.persisted.get(this.doc.clientID) ?? 0
    const save: SaveState = onDisk >= mine ? 'saved' : this.lastSaveOk ? 'saving' : 'failed'
    if (save !== this.snapshot.save) this.update({ save })
  }

  /** Tells the server where comments' words went after a move, cut + paste or undo. */
  sendAnchorRepairs(repairs: AnchorRepair[]): void {
    this.pendingRepairs.push(...repairs)
    this.flushRepairs()
  }

  private flushRepairs(): void {
    const ws = this.provider.ws
    if (this.pendingRepairs.length === 0 || !ws || ws.readyState !== WebSocket.OPEN) return
    // In order, in messages the server accepts: repairs of one comment build on each other.
    for (let i = 0; i < this.pendingRepairs.length; i += MAX_ANCHOR_REPAIRS_PER_MESSAGE) {
      const repairs = this.pendingRepairs.slice(i, i + MAX_ANCHOR_REPAIRS_PER_MESSAGE)
      ws.send(encodeAccordMessage({ type: MESSAGE_ANCHOR_REPAIR, repairs }))
    }
    this.pendingRepairs = []
  }

  destroy(): void {
    this.stopBatching()
    this.listeners.clear()
    this.provider.destroy()
    this.doc.destroy()
  }
}
