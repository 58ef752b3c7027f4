import * as Y from 'yjs'
import { keyOf, recordArrivals, textRuns } from '../lib/keystrokes'
import { nowMs, sleep } from '../lib/stats'
import { type Endpoint, type NodeClient, connectClient, within } from '../lib/yNode'

/** Client side of fan-out and memory: many stock providers in one process, some typing, all listening. */

export interface ClientSpec {
  endpoint: Endpoint
  editor: boolean
  /** Which run of text (in document order) an editor types at the end of. */
  textIndex: number
}

interface Member {
  client: NodeClient
  spec: ClientSpec
  /** (key, time) pairs of keystrokes received from others, flat. */
  arrivals: number[]
}

let members: Member[] = []
let sends: number[] = []
let recording = false

function listen(member: Member): void {
  recordArrivals(member.client.doc, member.arrivals, () => recording)
}

export const handlers = {
  /** Connects every client and waits until all are synced. */
  async connect({ clients, timeoutMs = 60_000 }: { clients: ClientSpec[]; timeoutMs?: number }) {
    members = clients.map((spec) => ({ client: connectClient(spec.endpoint), spec, arrivals: [] }))
    members.forEach(listen)
    await within(Promise.all(members.map((m) => m.client.synced)), timeoutMs, `${clients.length} clients synced`)
    return members.length
  },

  /** Editors type `keysPerSecond` characters each (random phase) for `durationMs`; everyone records. */
  async type({ durationMs, keysPerSecond }: { durationMs: number; keysPerSecond: number }) {
    sends = []
    recording = true
    const period = 1000 / keysPerSecond
    const timers: NodeJS.Timeout[] = []
    for (const m of members.filter((x) => x.spec.editor)) {
      const { doc } = m.client
      const all = textRuns(doc)
      const text = all[m.spec.textIndex % all.length]!
      const key = () => {
        sends.push(keyOf(doc.clientID, Y.getState(doc.store, doc.clientID)), nowMs())
        text.insert(text.length, 'x')
      }
      const start = setTimeout(() => timers.push(setInterval(key, period)), Math.random() * period)
      timers.push(start)
    }
    await sleep(durationMs)
    for (const t of timers) clearInterval(t)
    // Keystrokes per draft: each should reach every other client of its draft.
    const perRoom: Record<string, number> = {}
    for (const m of members.filter((x) => x.spec.editor)) {
      perRoom[m.spec.endpoint.room] = (perRoom[m.spec.endpoint.room] ?? 0) + Y.getState(m.client.doc.store, m.client.doc.clientID)
    }
    return perRoom
  },

  /** Every editor sends `edits` single-character edits back to back, each its own transaction and message. */
  burst({ edits }: { edits: number }) {
    for (const m of members.filter((x) => x.spec.editor)) {
      const all = textRuns(m.client.doc)
      const text = all[m.spec.textIndex % all.length]!
      for (let i = 0; i < edits; i++) text.insert(text.length, 'b')
    }
  },

  /** Stops recording after the last deliveries had time to arrive. */
  async drain({ ms }: { ms: number }) {
    await sleep(ms)
    recording = false
  },

  sends() {
    return Float64Array.from(sends)
  },

  /** Latency of every delivery of a keystroke to a client other than its typist, given all send times. */
  latencies({ sent }: { sent: Float64Array }) {
    const sentAt = new Map<number, number>()
    for (let i = 0; i < sent.length; i += 2) sentAt.set(sent[i]!, sent[i + 1]!)
    const out: number[] = []
    for (const m of members) {
      for (let i = 0; i < m.arrivals.length; i += 2) {
        const t0 = sentAt.get(m.arrivals[i]!)
        if (t0 !== undefined) out.push(m.arrivals[i + 1]! - t0)
      }
    }
    return Float64Array.from(out)
  },

  close() {
    for (const m of members) m.client.destroy()
    members = []
  },
}
