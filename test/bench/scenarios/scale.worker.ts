import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import { decodeAccordPayload } from '../../../shared/accordMessages'
import { ACCORD_CLIENT_PARAM, MESSAGE_SAVE_STATUS } from '../../../shared/protocol'
import { stockProvider } from '../../helpers/stockProvider'
import { keyOf, recordArrivals, textRuns } from '../lib/keystrokes'
import { nowMs, sleep } from '../lib/stats'
import { within } from '../lib/yNode'

/**
 * Client side of the scale benchmark: Accord clients (stock providers with `client=accord`, so they get
 * "saved" acknowledgements) in one process, each typing at the end of its own paragraph and recording
 * when every keystroke of the others arrives and when each of its own is confirmed saved.
 */

export interface ScaleClientSpec {
  /** Index across all clients of the run (the scenario knows where each is connected). */
  index: number
  wsUrl: string
  room: string
  token: string
  /** Which paragraph it types at the end of. */
  textIndex: number
}

interface Member {
  spec: ScaleClientSpec
  doc: Y.Doc
  provider: ReturnType<typeof stockProvider>
  synced: Promise<void>
  /** (key, time) of keystrokes of others as they arrived, flat. */
  arrivals: number[]
  /** Own keystrokes: clock → time typed, until confirmed saved. */
  unsaved: Map<number, number>
  /** (key, latency) of own keystrokes confirmed saved, flat. */
  saved: number[]
  /** (time, confirmed clock) of every save-status message for this client's own edits, flat. */
  acks: number[]
}

let members: Member[] = []
let recording = false

function connect(spec: ScaleClientSpec): Member {
  const doc = new Y.Doc()
  const provider = stockProvider(spec.wsUrl, spec.room, doc, { params: { token: spec.token, client: ACCORD_CLIENT_PARAM }, maxBackoffTime: 500 })
  const member: Member = {
    spec,
    doc,
    provider,
    arrivals: [],
    unsaved: new Map(),
    saved: [],
    acks: [],
    synced: new Promise<void>((resolve) => {
      const onSync = (isSynced: boolean) => {
        if (!isSynced) return
        provider.off('sync', onSync)
        resolve()
      }
      provider.on('sync', onSync)
    }),
  }
  const handlers = provider.messageHandlers as unknown as Array<(e: unknown, d: decoding.Decoder) => void>
  handlers[MESSAGE_SAVE_STATUS] = (_encoder, decoder) => {
    const status = decodeAccordPayload(MESSAGE_SAVE_STATUS, decoder)
    const now = nowMs()
    for (const [client, durable] of status.clocks) {
      if (client !== doc.clientID) continue
      member.acks.push(now, durable)
      for (const [clock, typedAt] of member.unsaved) {
        if (clock >= durable) continue
        member.unsaved.delete(clock)
        if (recording) member.saved.push(keyOf(client, clock), now - typedAt)
      }
    }
  }
  // Accord's own messages this benchmark does not look at.
  for (const type of [101, 103, 104]) handlers[type] = () => undefined
  recordArrivals(doc, member.arrivals, () => recording)
  return member
}

export const handlers = {
  async connect({ clients, timeoutMs = 90_000 }: { clients: ScaleClientSpec[]; timeoutMs?: number }) {
    const added = clients.map(connect)
    members.push(...added)
    await within(Promise.all(added.map((m) => m.synced)), timeoutMs, `${clients.length} clients synced`)
    return added.length
  },

  /** Every client types `keysPerSecond` characters (random phase) for `durationMs`; returns (key, time, client index) of each. */
  async type({ durationMs, keysPerSecond }: { durationMs: number; keysPerSecond: number }) {
    recording = true
    const sends: number[] = []
    const period = 1000 / keysPerSecond
    const timers: NodeJS.Timeout[] = []
    for (const m of members) {
      const key = () => {
        const all = textRuns(m.doc)
        const text = all[m.spec.textIndex % all.length]!
        const clock = Y.getState(m.doc.store, m.doc.clientID)
        const now = nowMs()
        sends.push(keyOf(m.doc.clientID, clock), now, m.spec.index)
        m.unsaved.set(clock, now)
        text.insert(text.length, 'x')
      }
      timers.push(setTimeout(() => timers.push(setInterval(key, period)), Math.random() * period))
    }
    await sleep(durationMs)
    for (const t of timers) clearInterval(t)
    return Float64Array.from(sends)
  },

  async drain({ ms }: { ms: number }) {
    await sleep(ms)
    recording = false
  },

  /** (receiver index, key, arrival time) of every keystroke received, flat. */
  arrivals() {
    const out: number[] = []
    for (const m of members) for (let i = 0; i < m.arrivals.length; i += 2) out.push(m.spec.index, m.arrivals[i]!, m.arrivals[i + 1]!)
    return Float64Array.from(out)
  },

  /** (typist index, latency) of every own keystroke confirmed saved, flat. */
  saved() {
    const out: number[] = []
    for (const m of members) for (let i = 0; i < m.saved.length; i += 2) out.push(m.spec.index, m.saved[i + 1]!)
    return Float64Array.from(out)
  },

  /**
   * For each client, when it was first told after `t` that more of its edits are saved than it had been
   * told before `t` (an edit confirmed by whoever serves the draft now); NaN: not yet.
   */
  firstAckAfter({ t }: { t: number }) {
    return Float64Array.from(
      members.flatMap((m) => {
        let before = 0
        for (let i = 0; i < m.acks.length; i += 2) if (m.acks[i]! <= t) before = Math.max(before, m.acks[i + 1]!)
        for (let i = 0; i < m.acks.length; i += 2) if (m.acks[i]! > t && m.acks[i + 1]! > before) return [m.spec.index, m.acks[i]!]
        return [m.spec.index, Number.NaN]
      }),
    )
  },

  close() {
    for (const m of members) {
      m.provider.destroy()
      m.doc.destroy()
    }
    members = []
  },
}
