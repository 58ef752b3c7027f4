import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { CONTENT_FIELD } from '../../../shared/protocol'
import { RawWebSocket } from '../lib/rawWebSocket'
import { nowMs, sleep } from '../lib/stats'

/**
 * Client side of the raw fan-out: many light clients in one process. Every client records when each
 * update frame arrives, keyed by the frame's bytes (the relays forward the bytes they relay unchanged, so a
 * keystroke is recognised without decoding it). Editors also type: each holds a Y.Doc of the draft to make
 * its keystrokes (appending to a paragraph of its own never needs others' edits), and remembers when it
 * sent each frame.
 */

const MESSAGE_SYNC = 0
const SYNC_UPDATE = 2

export interface RawClientSpec {
  /** ws://host:port/path?query of the draft (token included for Accord). */
  url: string
  /** Editors type into the `textIndex`-th run of text; readers only listen. */
  editor: boolean
  textIndex: number
}

interface Editor {
  socket: RawWebSocket
  doc: Y.Doc
  text: Y.XmlText
  own: Set<string>
}

let sockets: RawWebSocket[] = []
let editors: Editor[] = []
/** Every distinct update frame seen in this process, by its bytes, and its index. */
const keys = new Map<string, number>()
/** (key index, arrival time) pairs, flat, growing. */
let arrivals = new Float64Array(1 << 20)
let arrivalCount = 0
let recording = false
/** (frame bytes, time) of each keystroke this process sent. */
let sent: [string, number][] = []

/** Records the update frames of one arrival; `own` holds an editor's own keystrokes (a relay may echo them: not a delivery). */
function record(payloads: Buffer[], at: number, own?: Set<string>): void {
  if (!recording) return
  for (const p of payloads) {
    if (p[0] !== MESSAGE_SYNC || p[1] !== SYNC_UPDATE) continue
    const key = p.toString('latin1')
    if (own?.has(key)) continue
    let index = keys.get(key)
    if (index === undefined) keys.set(key, (index = keys.size))
    if (arrivalCount + 2 > arrivals.length) {
      const grown = new Float64Array(arrivals.length * 2)
      grown.set(arrivals)
      arrivals = grown
    }
    arrivals[arrivalCount++] = index
    arrivals[arrivalCount++] = at
  }
}

function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE_SYNC)
  syncProtocol.writeUpdate(e, update)
  return encoding.toUint8Array(e)
}

function textsOf(node: Y.XmlFragment | Y.XmlElement, out: Y.XmlText[] = []): Y.XmlText[] {
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) out.push(child)
    else if (child instanceof Y.XmlElement) textsOf(child, out)
  }
  return out
}

export const handlers = {
  /**
   * Opens every client, `parallel` handshakes at a time. `seed` (for the stock server, which starts
   * empty) is sent once by the first editor, before anyone types.
   */
  async connect({ clients, seed, parallel = 50 }: { clients: RawClientSpec[]; seed: Uint8Array; parallel?: number }) {
    for (let i = 0; i < clients.length; i += parallel) {
      const batch = clients.slice(i, i + parallel)
      const owns = batch.map((c) => (c.editor ? new Set<string>() : undefined))
      const opened = await Promise.all(batch.map((c, j) => RawWebSocket.open(c.url, (payloads, at) => record(payloads, at, owns[j]), nowMs)))
      opened.forEach((socket, j) => {
        sockets.push(socket)
        const spec = batch[j]!
        if (!spec.editor) return
        const doc = new Y.Doc()
        Y.applyUpdate(doc, seed)
        const texts = textsOf(doc.getXmlFragment(CONTENT_FIELD))
        editors.push({ socket, doc, text: texts[spec.textIndex % texts.length]!, own: owns[j]! })
      })
    }
    return sockets.length
  },

  /** Sends the draft's state as an update (the stock server's room starts empty). */
  sendSeed({ seed }: { seed: Uint8Array }) {
    editors[0]?.socket.send(updateFrame(seed))
  },

  /** Every editor types `keysPerSecond` characters (random phase) for `durationMs`; everyone records. */
  async type({ durationMs, keysPerSecond }: { durationMs: number; keysPerSecond: number }) {
    sent = []
    recording = true
    const period = 1000 / keysPerSecond
    const timers: NodeJS.Timeout[] = []
    for (const e of editors) {
      const key = () => {
        let frame: Uint8Array | null = null
        const onUpdate = (update: Uint8Array) => (frame = updateFrame(update))
        e.doc.once('update', onUpdate)
        e.text.insert(e.text.length, 'x')
        const key = Buffer.from(frame!).toString('latin1')
        e.own.add(key)
        const t = nowMs()
        e.socket.send(frame!)
        sent.push([key, t])
      }
      timers.push(setTimeout(() => timers.push(setInterval(key, period)), Math.random() * period))
    }
    await sleep(durationMs)
    for (const t of timers) clearInterval(t)
    return sent.length
  },

  /** Deliveries recorded so far (a relay that falls behind delivers long after the typing stopped). */
  received() {
    return arrivalCount / 2
  },

  stopRecording() {
    recording = false
  },

  sends() {
    return sent
  },

  /** Latency of every delivery recorded here of a keystroke in `sends`; frames that match none are counted. */
  latencies({ sends }: { sends: [string, number][] }) {
    const sentAt = new Map(sends)
    const byIndex = new Float64Array(keys.size).fill(Number.NaN)
    for (const [key, index] of keys) byIndex[index] = sentAt.get(key) ?? Number.NaN
    const out = new Float64Array(arrivalCount / 2)
    let n = 0
    let unmatched = 0
    for (let i = 0; i < arrivalCount; i += 2) {
      const t0 = byIndex[arrivals[i]!]!
      if (Number.isNaN(t0)) unmatched++
      else out[n++] = arrivals[i + 1]! - t0
    }
    return { latencies: out.subarray(0, n), unmatched, unreadable: sockets.reduce((s, c) => s + c.unreadable, 0), closed: sockets.filter((c) => c.closed).length }
  },

  close() {
    for (const s of sockets) s.close()
    sockets = []
    editors = []
    keys.clear()
    arrivalCount = 0
  },
}
