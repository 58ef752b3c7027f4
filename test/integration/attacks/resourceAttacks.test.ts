import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type WebSocket from 'ws'
import * as Y from 'yjs'
import { CLOSE_MALFORMED, CLOSE_MESSAGE_TOO_BIG, CLOSE_RATE_LIMITED, CONTENT_FIELD, RELAY_FLOOD_CLOSE_MS } from '../../../shared/protocol'
import { textAt } from '../../helpers/draftDoc'
import { GARBAGE_FAMILIES, type GarbageFamily, ISSUE_687_UPDATES } from '../../helpers/garbageFrames'
import { MB, type ProbedServer, startProbedServer } from '../../helpers/probedServer'
import { seededRandom } from '../../helpers/random'
import { awarenessFrame, collabUrl, connectionsClosedAfterEach, craftEdit, RawPeer, syncStep2Frame, tryUpgrade, updateFrame } from '../../helpers/rawSocket'
import { connectClient, draftText, waitFor, waitSynced } from '../../helpers/yClient'

/**
 * Attacks A4 (a 50 MiB frame), A5 (garbage frames, truncated varints, the crafted updates of yjs issue 687),
 * A7 (a message flood) and A6 (2,000 unknown document ids), against the real server in a process of its own that measures its
 * own memory and event loop.
 */

let server: ProbedServer
let editorToken: string
beforeAll(async () => {
  server = await startProbedServer()
  editorToken = await server.token('editor', 'Mallory Editor')
})
afterAll(async () => {
  await server?.stop()
})
afterEach(serverQuiet)

/** Two ordinary editors on the demo draft (one types, one reads) whose disconnects are counted. */
async function bystanders(clients: { destroy(): void }[]) {
  const writer = connectClient(server.url, server.demoId, editorToken)
  const reader = connectClient(server.url, server.demoId, editorToken)
  clients.push(writer, reader)
  await Promise.all([waitSynced(writer), waitSynced(reader)])
  let closes = 0
  for (const c of [writer, reader]) c.provider.on('connection-close', () => closes++)
  return { writer, reader, closes: () => closes }
}

const mb = (bytes: number) => (bytes / MB).toFixed(1)

/** Waits until the server has dropped every socket and unloaded every draft, so one attack's tail is not measured in the next. */
async function serverQuiet(): Promise<void> {
  await vi.waitFor(
    async () => {
      const s = await server.stats()
      if (s.connections > 0 || s.loadedCount > 0) throw new Error(`server still has ${s.connections} sockets, ${s.loadedCount} drafts`)
    },
    { timeout: 20_000, interval: 50 },
  )
}

/** Opens a raw socket as an editor (whose updates the server parses) and records how it closes. */
async function attacker(documentId = server.demoId): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  let closed!: Promise<number>
  const result = await tryUpgrade(collabUrl(server.url, documentId, editorToken), {}, (ws) => {
    closed = new Promise((resolve) => ws.on('close', (code) => resolve(code)))
    ws.on('error', () => undefined)
  })
  if (!result.opened) throw new Error(`upgrade refused: ${result.status} ${result.body}`)
  return { ws: result.ws, closed }
}

/** A valid update that would put `marker` at the start of the draft if the server ever applied it. */
function markerUpdate(marker: string, clientID: number): Uint8Array {
  return craftEdit(new Uint8Array([0, 0]), (doc) => {
    doc.clientID = clientID
    doc.getXmlFragment(CONTENT_FIELD).insert(0, [new Y.XmlText(marker)])
  })
}

describe('A4: a 50 MiB frame', () => {
  it('is closed with 1009 and server RSS grows by less than 50 MB', async () => {
    const { ws, closed } = await attacker()
    const before = await server.stats(true)
    await server.reset()
    const sentAt = performance.now()
    ws.send(Buffer.alloc(50 * MB, 0x41))
    const code = await closed
    const ms = performance.now() - sentAt
    const during = await server.stats()
    const growth = during.peakRss - before.rss
    console.log(
      `A4 50 MiB frame: closed with ${code} after ${Math.round(ms)} ms; server RSS ${mb(before.rss)} MB before, ` +
        `peak ${mb(during.peakRss)} MB (+${mb(growth)} MB); longest event-loop delay ${during.maxDelayMs.toFixed(1)} ms`,
    )
    expect(code).toBe(CLOSE_MESSAGE_TOO_BIG)
    expect(growth).toBeLessThan(50 * MB)
  })

  it('three at once: each closed with 1009, RSS still grows by less than 50 MB', async () => {
    const sockets = await Promise.all([attacker(), attacker(), attacker()])
    const before = await server.stats(true)
    await server.reset()
    for (const { ws } of sockets) ws.send(Buffer.alloc(50 * MB, 0x42))
    const codes = await Promise.all(sockets.map((s) => s.closed))
    const during = await server.stats()
    const growth = during.peakRss - before.rss
    console.log(`A4 3 × 50 MiB frames at once: closed with ${codes.join(', ')}; server peak RSS +${mb(growth)} MB`)
    expect(codes).toEqual([CLOSE_MESSAGE_TOO_BIG, CLOSE_MESSAGE_TOO_BIG, CLOSE_MESSAGE_TOO_BIG])
    expect(growth).toBeLessThan(50 * MB)
  })
})

describe('A5: garbage frames, truncated varints and crafted Yjs updates', () => {
  const { clients } = connectionsClosedAfterEach()

  it('closes every attacker on its first bad message, never stalls the event loop over 100 ms, and other clients carry on', async () => {
    const seed = Number(process.env.SEED ?? 687)
    const rng = seededRandom(seed)
    const { writer, reader, closes: bystanderCloses } = await bystanders(clients)

    // Attackers: 200 sockets × 50 frames = 10,000 garbage frames, every family, plus each crafted update of
    // yjs issue 687 as sync step 2 and as an update. Each socket's second frame is a valid edit: if the server
    // went on reading after the first bad frame, its marker would show up in the draft.
    const families = Object.keys(GARBAGE_FAMILIES) as GarbageFamily[]
    const garbage = () => GARBAGE_FAMILIES[rng.pick(families)](rng)
    const plans: Array<{ label: string; frames: Uint8Array[] }> = []
    for (let i = 0; i < 200; i++) {
      const family = families[i % families.length]!
      const frames = [GARBAGE_FAMILIES[family](rng), updateFrame(markerUpdate(`MARKER-${i}`, 1_000_000 + i))]
      while (frames.length < 50) frames.push(garbage())
      plans.push({ label: family, frames })
    }
    for (const [name, update] of Object.entries(ISSUE_687_UPDATES)) {
      for (const [how, wrap] of [['sync step 2', syncStep2Frame], ['update', updateFrame]] as const) {
        plans.push({ label: `issue 687: ${name} as ${how}`, frames: [wrap(update), updateFrame(markerUpdate(`MARKER-687-${plans.length}`, 2_000_000 + plans.length))] })
      }
    }
    const garbageFrames = plans.reduce((n, p) => n + p.frames.length - 1, 0)

    const sockets: Array<{ ws: WebSocket; closed: Promise<number> }> = []
    for (let i = 0; i < plans.length; i += 25) sockets.push(...(await Promise.all(plans.slice(i, i + 25).map(() => attacker()))))
    await server.reset()

    // A typist keeps working through the attack and a while after; its pace is the load, not a wait.
    let typed = 0
    const typing = setInterval(() => textAt(writer.doc).insert(0, `[t${typed++}]`), 20)
    const startedAt = performance.now()
    let codes: number[]
    let attackMs: number
    try {
      sockets.forEach(({ ws }, i) => {
        for (const f of plans[i]!.frames) ws.send(f)
      })
      // A socket the server leaves open shows up as -1 in the figures instead of a test timeout.
      const stillOpen = new Promise<number>((resolve) => setTimeout(() => resolve(-1), 10_000).unref())
      codes = await Promise.all(sockets.map((s) => Promise.race([s.closed, stillOpen])))
      attackMs = performance.now() - startedAt
      for (const { ws } of sockets) ws.terminate()
      await waitFor(() => typed >= 50, 'the typist has typed 50 keystrokes')
    } finally {
      clearInterval(typing)
    }
    // The positive control: the same kind of edit, sent alone, is applied.
    const control = await attacker()
    control.ws.send(updateFrame(markerUpdate('CONTROL-MARKER', 3_000_000)))
    await waitFor(() => draftText(reader.doc).includes('CONTROL-MARKER'), 'the control edit reaches the reader')
    control.ws.close()
    await waitFor(() => draftText(reader.doc) === draftText(writer.doc), 'bystanders converge')
    const stats = await server.stats()

    const wrongCodes = plans.flatMap((p, i) => (codes[i] === CLOSE_MALFORMED ? [] : [`${p.label}: ${codes[i]}`]))
    const leaked = [...draftText(reader.doc).matchAll(/MARKER-[\d-]+/g)].map((m) => m[0])
    const missing = Array.from({ length: typed }, (_, i) => `[t${i}]`).filter((t) => !draftText(reader.doc).includes(t))
    console.log(
      `A5 seed ${seed}: ${plans.length} attacker sockets, ${garbageFrames} garbage frames + ${plans.length} valid edits after the ` +
        `first bad frame, in ${Math.round(attackMs)} ms; closed with 1007: ${codes.filter((c) => c === CLOSE_MALFORMED).length}/${plans.length}; ` +
        `malformed-message closes logged: ${stats.malformedCloses}; markers applied: ${leaked.length}; server event loop: ` +
        `longest block by its own work ${stats.maxBusyMs.toFixed(1)} ms; wall-clock max delay ${stats.maxDelayMs.toFixed(1)} ms ` +
        `(p99 ${stats.p99DelayMs.toFixed(1)} ms), max timer drift ${stats.maxDriftMs.toFixed(1)} ms; ` +
        `bystanders: ${typed} keystrokes typed, ${typed - missing.length} received, ${bystanderCloses()} disconnects`,
    )
    expect(wrongCodes).toEqual([])
    // One log line per socket: each was closed once, on its first message, and nothing after it was read.
    expect(stats.malformedCloses).toBe(plans.length)
    expect(leaked).toEqual([])
    expect(stats.maxBusyMs).toBeLessThan(100)
    expect(missing).toEqual([])
    expect(typed).toBeGreaterThan(0)
    expect(bystanderCloses()).toBe(0)
  })
})

describe('A7: a flood far beyond the limit', () => {
  const { clients, peers } = connectionsClosedAfterEach()

  it('is read at its share of the relay, not closed at once; bystanders type on unaffected; closed with 1008 after RELAY_FLOOD_CLOSE_MS without let-up', async () => {
    const { writer, reader, closes: bystanderCloses } = await bystanders(clients)
    const witness = await RawPeer.open(collabUrl(server.url, server.demoId, editorToken))
    peers.push(witness)
    // Keystroke latency writer → reader: each keystroke is known by the writer's clock after it.
    const pending: { clock: number; at: number }[] = []
    const latencies: number[] = []
    reader.doc.on('afterTransaction', () => {
      const got = Y.getState(reader.doc.store, writer.doc.clientID)
      while (pending.length > 0 && pending[0]!.clock <= got) latencies.push(performance.now() - pending.shift()!.at)
    })
    const { ws, closed } = await attacker()
    const before = await server.stats(true)
    await server.reset()

    let typed = 0
    const typing = setInterval(() => {
      textAt(writer.doc).insert(0, `[t${typed++}]`)
      pending.push({ clock: Y.getState(writer.doc.store, writer.doc.clientID), at: performance.now() })
    }, 20)
    // As fast as the socket takes them, a little at a time so the test's own clients get their turns.
    const FLOOD_ID = 777_777
    let sent = 0
    const startedAt = performance.now()
    const flood = () => {
      if (ws.readyState !== ws.OPEN) return
      for (let i = 0; i < 200 && ws.bufferedAmount < MB; i++) ws.send(awarenessFrame([{ clientID: FLOOD_ID, clock: ++sent, state: { cursor: { anchor: sent } } }]))
      setImmediate(flood)
    }
    let code: number
    let floodMs: number
    try {
      flood()
      code = await Promise.race([closed, new Promise<number>((resolve) => setTimeout(() => resolve(-1), 30_000).unref())])
      floodMs = performance.now() - startedAt
      ws.terminate()
      await waitFor(() => pending.length === 0, 'every keystroke reached the reader')
    } finally {
      clearInterval(typing)
    }
    const stats = await server.stats()
    const relayed = witness.frames.filter((f) => f.kind === 'awareness' && f.entries.some((e) => e.clientID === FLOOD_ID)).length
    latencies.sort((a, b) => a - b)
    const p99 = latencies[Math.ceil(latencies.length * 0.99) - 1]!
    console.log(
      `A7 flood: ${sent} awareness messages sent in ${Math.round(floodMs)} ms (${Math.round((sent / floodMs) * 1000)}/s), ` +
        `${relayed} read and relayed (${Math.round((relayed / floodMs) * 1000)}/s); closed with ${code}; server RSS ${mb(before.rss)} MB before, ` +
        `peak +${mb(stats.peakRss - before.rss)} MB; longest block by its own work ${stats.maxBusyMs.toFixed(1)} ms; bystanders: ` +
        `${typed} keystrokes, latency p50 ${latencies[Math.floor(latencies.length / 2)]!.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ` +
        `${latencies.at(-1)!.toFixed(1)} ms, ${bystanderCloses()} disconnects`,
    )
    expect(code).toBe(CLOSE_RATE_LIMITED)
    expect(floodMs).toBeGreaterThanOrEqual(RELAY_FLOOD_CLOSE_MS)
    // Held back: far from everything it sent was read.
    expect(relayed).toBeLessThan(sent / 2)
    expect(stats.peakRss - before.rss).toBeLessThan(50 * MB)
    // Reading is sliced (5 ms per turn); what remains of the longest block is writing out the queues of
    // readers in this busy test process that fell behind (Node writes a socket's whole backlog at once).
    expect(stats.maxBusyMs).toBeLessThan(250)
    expect(bystanderCloses()).toBe(0)
    expect(latencies.length).toBe(typed)
  }, 60_000)
})

describe('A6: 2,000 unknown document ids', () => {
  it('are all refused before anything is loaded, and memory stays flat', async () => {
    const rng = seededRandom(2000)
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
    const validLooking = () => Array.from({ length: rng.int(1, 64) }, () => rng.pick([...alphabet])).join('')
    const tricks = ['..', '..%2F..%2Fworkspace', '%2e%2e', 'a/b', 'x'.repeat(65), '%00', 'con', 'workspace.json', '.', '']
    const ids = Array.from({ length: 2000 }, (_, i) => (i % 10 === 0 ? tricks[(i / 10) % tricks.length]! : validLooking()))
    const filesBefore = readdirSync(join(server.dataDir, 'documents')).sort()

    const attempt = async (from: number, to: number) => {
      const statuses = new Map<number, number>()
      for (let i = from; i < to; i += 50) {
        const results = await Promise.all(ids.slice(i, i + 50).map((id) => tryUpgrade(collabUrl(server.url, id, editorToken))))
        for (const r of results) {
          if (r.opened) r.ws.close()
          const status = r.opened ? 101 : r.status
          statuses.set(status, (statuses.get(status) ?? 0) + 1)
        }
      }
      return statuses
    }
    // A first pass warms up code paths and buffers; memory is compared across the full run after it.
    await attempt(0, 200)
    const before = await server.stats(true)
    const statuses = await attempt(0, ids.length)
    const after = await server.stats(true)
    const filesAfter = readdirSync(join(server.dataDir, 'documents')).sort()
    console.log(
      `A6 ${ids.length} unknown ids: answers ${JSON.stringify(Object.fromEntries(statuses))}; server RSS ${mb(before.rss)} → ` +
        `${mb(after.rss)} MB (${after.rss >= before.rss ? '+' : ''}${mb(after.rss - before.rss)}), heap ${mb(before.heapUsed)} → ` +
        `${mb(after.heapUsed)} MB; drafts loaded ${after.loadedCount}, documents ${after.documents}, document files ${filesAfter.length}`,
    )
    expect([...statuses.keys()]).toEqual([404])
    expect(after.documents).toBe(1)
    expect(filesAfter).toEqual(filesBefore)
    // The heap is what would grow with a leak per id; RSS also holds socket buffers and malloc arenas the
    // allocator keeps after 2,000 handshakes (seen at +10.6 MB on a loaded machine), so its bound is looser.
    expect(after.heapUsed - before.heapUsed).toBeLessThan(2 * MB)
    expect(after.rss - before.rss).toBeLessThan(25 * MB)
  })
})
