import { performance } from 'node:perf_hooks'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { afterEach, vi } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'

/**
 * Raw y-websocket frames over a plain `ws` socket: what an attacker with a modified client can send. The
 * encoders are written here from the wire format (lib0 + y-protocols), not borrowed from the server.
 */

const MESSAGE_SYNC = 0
const MESSAGE_AWARENESS = 1
const MESSAGE_QUERY_AWARENESS = 3

export interface AwarenessEntry {
  clientID: number
  clock: number
  state: Record<string, unknown> | null
}

export type Frame =
  | { kind: 'sync-step1' | 'sync-step2' | 'update'; payload: Uint8Array }
  | { kind: 'awareness'; entries: AwarenessEntry[] }
  | { kind: 'other'; type: number }

export function collabUrl(serverUrl: string, documentId: string, token?: string): string {
  const base = `${serverUrl.replace(/^http/, 'ws')}/collab/${documentId}`
  return token === undefined ? base : `${base}?token=${encodeURIComponent(token)}`
}

/** A y-protocols sync message (step 1 carries a state vector, step 2 and update carry an update). */
function syncFrame(subType: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE_SYNC)
  encoding.writeVarUint(e, subType)
  encoding.writeVarUint8Array(e, payload)
  return encoding.toUint8Array(e)
}

export const syncStep1Frame = (stateVector: Uint8Array) => syncFrame(syncProtocol.messageYjsSyncStep1, stateVector)
export const syncStep2Frame = (update: Uint8Array) => syncFrame(syncProtocol.messageYjsSyncStep2, update)
export const updateFrame = (update: Uint8Array) => syncFrame(syncProtocol.messageYjsUpdate, update)

export function awarenessFrame(entries: readonly AwarenessEntry[]): Uint8Array {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(inner, entry.clientID)
    encoding.writeVarUint(inner, entry.clock)
    encoding.writeVarString(inner, JSON.stringify(entry.state))
  }
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner))
  return encoding.toUint8Array(e)
}

export function queryAwarenessFrame(): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE_QUERY_AWARENESS)
  return encoding.toUint8Array(e)
}

/** A real Yjs update: `edit` applied to a copy of `state`, encoded as the difference. */
export function craftEdit(state: Uint8Array, edit: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  const before = Y.encodeStateVector(doc)
  edit(doc)
  const update = Y.encodeStateAsUpdate(doc, before)
  doc.destroy()
  return update
}

export function decodeFrame(data: Uint8Array): Frame {
  const d = decoding.createDecoder(data)
  const type = decoding.readVarUint(d)
  if (type === MESSAGE_SYNC) {
    const sub = decoding.readVarUint(d)
    const payload = decoding.readVarUint8Array(d)
    const kind = sub === 0 ? 'sync-step1' : sub === 1 ? 'sync-step2' : 'update'
    return { kind, payload }
  }
  if (type === MESSAGE_AWARENESS) {
    const inner = decoding.createDecoder(decoding.readVarUint8Array(d))
    const entries: AwarenessEntry[] = []
    for (let n = decoding.readVarUint(inner); n > 0; n--) {
      const clientID = decoding.readVarUint(inner)
      const clock = decoding.readVarUint(inner)
      entries.push({ clientID, clock, state: JSON.parse(decoding.readVarString(inner)) as AwarenessEntry['state'] })
    }
    return { kind: 'awareness', entries }
  }
  return { kind: 'other', type }
}

export type UpgradeResult =
  | { opened: true; ws: WebSocket }
  | { opened: false; status: number; body: string; json: unknown }

/**
 * Attempts the WebSocket upgrade and reports whether it opened or the HTTP refusal (status and body).
 * `onSocket` sees the socket before it opens, so no frame that arrives with the handshake is missed.
 */
export function tryUpgrade(
  url: string,
  headers: Record<string, string> = {},
  onSocket?: (ws: WebSocket) => void,
): Promise<UpgradeResult> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers })
    onSocket?.(ws)
    ws.on('open', () => resolve({ opened: true, ws }))
    ws.on('unexpected-response', (_req, res) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c.toString()))
      res.on('end', () => {
        let json: unknown
        try {
          json = JSON.parse(body)
        } catch {
          json = undefined
        }
        resolve({ opened: false, status: res.statusCode ?? 0, body, json })
      })
    })
    ws.on('error', (err) => resolve({ opened: false, status: 0, body: err.message, json: undefined }))
  })
}

/** How and when the server closed a socket (`at` is performance.now()). */
export interface CloseInfo {
  code: number
  reason: string
  at: number
}

/**
 * A raw y-websocket peer: records every frame the server sends and mirrors the server's document in
 * `doc`. `barrier()` proves the server has handled everything this peer sent before it.
 */
export class RawPeer {
  readonly frames: Frame[] = []
  readonly doc = new Y.Doc()
  readonly closed: Promise<CloseInfo>
  /** Latest awareness state per clientID as relayed by the server (null: removed). */
  readonly awareness = new Map<number, Record<string, unknown> | null>()
  private isClosed = false

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)))
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => {
        this.isClosed = true
        resolve({ code, reason: reason.toString(), at: performance.now() })
      }),
    )
  }

  /** Opens a peer; throws when the upgrade is refused. */
  static async open(url: string, headers: Record<string, string> = {}): Promise<RawPeer> {
    let peer: RawPeer | undefined
    const result = await tryUpgrade(url, headers, (ws) => (peer = new RawPeer(ws)))
    if (!result.opened || !peer) throw new Error(`upgrade refused: ${!result.opened && `${result.status} ${result.body}`}`)
    // The server greets with its state vector; then the peer syncs like a real client, so `doc` mirrors the
    // server's document from the start and relayed updates apply to it.
    await peer.waitFor((f) => f.kind === 'sync-step1', 'server greeting')
    await peer.barrier()
    return peer
  }

  get open(): boolean {
    return !this.isClosed && this.ws.readyState === WebSocket.OPEN
  }

  private receive(data: Uint8Array): void {
    const frame = decodeFrame(data)
    this.frames.push(frame)
    if (frame.kind === 'sync-step2' || frame.kind === 'update') Y.applyUpdate(this.doc, frame.payload, 'server')
    if (frame.kind === 'awareness') for (const e of frame.entries) this.awareness.set(e.clientID, e.state)
  }

  send(frame: Uint8Array): void {
    this.ws.send(frame)
  }

  count(kind: Frame['kind']): number {
    return this.frames.filter((f) => f.kind === kind).length
  }

  async waitFor(predicate: (f: Frame) => boolean, what: string, timeout = 10_000): Promise<Frame> {
    let found: Frame | undefined
    await vi.waitFor(
      () => {
        found = this.frames.find(predicate)
        if (!found) throw new Error(`no frame yet: ${what}`)
      },
      { timeout, interval: 5 },
    )
    return found!
  }

  /**
   * Asks for what this peer's doc is missing (sync step 1) and waits for the answer. The server handles
   * one socket's messages in order, so everything sent before has been handled, and anything it relayed
   * to this peer earlier has arrived.
   */
  async barrier(timeout = 10_000): Promise<void> {
    const before = this.count('sync-step2')
    this.send(syncStep1Frame(Y.encodeStateVector(this.doc)))
    await vi.waitFor(
      () => {
        if (this.count('sync-step2') <= before) throw new Error('barrier: no sync step 2 answer yet')
      },
      { timeout, interval: 5 },
    )
  }

  close(): void {
    this.ws.close()
    this.doc.destroy()
  }
}

/** Connections a test file opens, closed after each test. */
export function connectionsClosedAfterEach(): { peers: RawPeer[]; clients: { destroy(): void }[] } {
  const opened = { peers: [] as RawPeer[], clients: [] as { destroy(): void }[] }
  afterEach(() => {
    for (const c of opened.clients.splice(0)) c.destroy()
    for (const p of opened.peers.splice(0)) if (p.open) p.close()
  })
  return opened
}

/**
 * The same barrier through a stock y-websocket client's own socket: once the server answers this sync step 1,
 * everything it relayed to that client earlier has been received and applied by the provider.
 */
export async function stockClientBarrier(provider: { ws: unknown }, doc: Y.Doc, timeout = 10_000): Promise<void> {
  const ws = provider.ws as WebSocket | null
  if (!ws || ws.readyState !== WebSocket.OPEN) throw new Error('the stock client is not connected')
  let answered = false
  const onMessage = (data: ArrayBuffer | Buffer) => {
    const bytes = new Uint8Array(data)
    if (bytes[0] === MESSAGE_SYNC && bytes[1] === syncProtocol.messageYjsSyncStep2) answered = true
  }
  ws.on('message', onMessage)
  try {
    ws.send(syncStep1Frame(Y.encodeStateVector(doc)))
    await vi.waitFor(
      () => {
        if (!answered) throw new Error('barrier: no sync step 2 answer yet')
      },
      { timeout, interval: 5 },
    )
  } finally {
    ws.off('message', onMessage)
  }
}
