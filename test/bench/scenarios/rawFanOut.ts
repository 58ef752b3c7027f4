import { type BenchResult, atMost, info, requiring } from '../lib/results'
import { MB, cpuPercent, sampleProcess, waitQuiet } from '../lib/procStats'
import { type BenchServer, startAccord, startStock } from '../lib/servers'
import { p50p99, sleep } from '../lib/stats'
import { type Worker, startWorkers, stopWorkers } from '../lib/workers'
import { BenchWorkspace } from '../lib/workspace'
import { demoState } from '../lib/drafts'
import type { RawClientSpec } from './rawFanOut.worker'
import type { ScenarioOptions } from './types'

const WORKER = new URL('./rawFanOut.worker.ts', import.meta.url).pathname
const EDITORS = 30
const KEYS_PER_SECOND = 5
/** Readers in this many processes; the editors in one more. */
const READER_PROCESSES = 2
/** A drain ends when no delivery arrived for this long. */
const DRAIN_MS = 3000

interface Run {
  p50: number
  p99: number
  keystrokes: number
  deliveries: number
  deliveredShare: number
  unmatched: number
  cpuPercent: number
  /** Relay CPU time per delivered message (µs). */
  cpuPerDeliveryUs: number
  /** (RSS with every client connected − RSS before) per connection. */
  rssPerConnectionKiB: number
  rssMb: number
  loadGeneratorCpu: number
  loopDelayP99: number | null
}

/** Waits until every expected delivery arrived, or none arrived for DRAIN_MS (a relay that lost some). */
async function drain(workers: readonly Worker[], expected: number): Promise<void> {
  let last = -1
  let stalledSince = Date.now()
  for (;;) {
    const received = (await Promise.all(workers.map((w) => w.call<number>('received')))).reduce((a, b) => a + b, 0)
    if (received >= expected) break
    if (received > last) stalledSince = Date.now()
    else if (Date.now() - stalledSince > DRAIN_MS) break
    last = received
    await sleep(200)
  }
  await Promise.all(workers.map((w) => w.call('stopRecording')))
}

/** Connects `clients` raw clients (EDITORS of them typing) to one draft, types for `durationMs` and measures every delivery. */
async function runOn(server: BenchServer, url: string, clients: number, durationMs: number, draft: { state: Uint8Array; sendSeed: boolean }): Promise<Run> {
  const workers = startWorkers(WORKER, READER_PROCESSES + 1, `raw-fan-out-${server.kind}`)
  const [editorProcess, ...readerProcesses] = workers as [Worker, ...Worker[]]
  try {
    await waitQuiet([server.pid], 5)
    const rssBefore = sampleProcess(server.pid).rssBytes
    const editors: RawClientSpec[] = Array.from({ length: EDITORS }, (_, i) => ({ url, editor: true, textIndex: i }))
    const readers: RawClientSpec[] = Array.from({ length: clients - EDITORS }, () => ({ url, editor: false, textIndex: 0 }))
    await editorProcess.call('connect', { clients: editors, seed: draft.state })
    if (draft.sendSeed) await editorProcess.call('sendSeed', { seed: draft.state })
    await Promise.all(readerProcesses.map((w, i) => w.call('connect', { clients: readers.filter((_, j) => j % readerProcesses.length === i), seed: draft.state })))
    await waitQuiet([server.pid, ...workers.map((w) => w.pid)])
    const rssAfter = sampleProcess(server.pid).rssBytes
    await server.resetLoopDelay()
    const before = sampleProcess(server.pid)
    const clientsBefore = workers.map((w) => sampleProcess(w.pid))
    const t0 = Date.now()
    const typing = editorProcess.call<number>('type', { durationMs, keysPerSecond: KEYS_PER_SECOND })
    await Promise.all(readerProcesses.map((w) => w.call('type', { durationMs, keysPerSecond: KEYS_PER_SECOND })))
    const keystrokes = await typing
    await drain(workers, keystrokes * (clients - 1))
    const wall = Date.now() - t0
    const after = sampleProcess(server.pid)
    const loopDelayP99 = (await server.stats())?.loopDelay.p99 ?? null
    const loadGeneratorCpu = workers.reduce((sum, w, i) => sum + cpuPercent(clientsBefore[i]!, sampleProcess(w.pid), wall), 0)
    const sends = await editorProcess.call<[string, number][]>('sends')
    const parts = await Promise.all(workers.map((w) => w.call<{ latencies: Float64Array; unmatched: number }>('latencies', { sends })))
    const all = new Float64Array(parts.reduce((n, p) => n + p.latencies.length, 0))
    let at = 0
    for (const p of parts) {
      all.set(p.latencies, at)
      at += p.latencies.length
    }
    const { p50, p99 } = p50p99(all)
    const deliveries = all.length
    return {
      p50,
      p99,
      keystrokes,
      deliveries,
      deliveredShare: deliveries / (keystrokes * (clients - 1)),
      unmatched: parts.reduce((n, p) => n + p.unmatched, 0),
      cpuPercent: cpuPercent(before, after, wall),
      cpuPerDeliveryUs: ((after.cpuMs - before.cpuMs) * 1000) / deliveries,
      rssPerConnectionKiB: (rssAfter - rssBefore) / clients / 1024,
      rssMb: rssAfter / MB,
      loadGeneratorCpu,
      loopDelayP99,
    }
  } finally {
    await Promise.all(workers.map((w) => w.call('close').catch(() => undefined)))
    await stopWorkers(workers)
  }
}

async function accordRun(clients: number, durationMs: number): Promise<Run> {
  const ws = await BenchWorkspace.create()
  const editor = await ws.person('editor')
  const state = demoState()
  const draftId = await ws.draft('Raw fan-out', state)
  await ws.close()
  const server = await startAccord(ws.dataDir, { rateLimit: true })
  try {
    return await runOn(server, `${server.wsUrl}/${draftId}?token=${encodeURIComponent(editor.token)}`, clients, durationMs, { state, sendSeed: false })
  } finally {
    await server.stop()
    ws.remove()
  }
}

async function stockRun(clients: number, durationMs: number): Promise<Run> {
  const server = await startStock()
  try {
    return await runOn(server, `${server.wsUrl}/raw-fan-out`, clients, durationMs, { state: demoState(), sendSeed: true })
  } finally {
    await server.stop()
  }
}

function rows(clients: number, ours: Run, stock: Run): BenchResult[] {
  const label = `fan-out (raw clients) 1 draft × ${clients}`
  const lost = ours.deliveredShare < 0.9999 || stock.deliveredShare < 0.9999
  const limit = clients <= 230 ? Math.min(20, stock.p99) : stock.p99
  const target = clients <= 230 ? `≤ 20 ms and ≤ stock (${stock.p99.toFixed(1)} ms)` : `≤ stock (${stock.p99.toFixed(1)} ms)`
  return [
    info(`${label}: keystroke→client latency p50`, ours.p50, 'ms', stock.p50),
    requiring(
      atMost(
        `${label}: keystroke→client latency p99`,
        ours.p99,
        'ms',
        limit,
        target,
        stock.p99,
        `${EDITORS} editors at ${KEYS_PER_SECOND} keys/s, ${clients - EDITORS} readers; ${ours.keystrokes} keystrokes, ${ours.deliveries} deliveries ` +
          `(${(ours.deliveredShare * 100).toFixed(2)}%; stock ${(stock.deliveredShare * 100).toFixed(2)}%, ${ours.unmatched + stock.unmatched} frames unmatched); ` +
          `load generator ${ours.loadGeneratorCpu.toFixed(0)}% of a core with Accord, ${stock.loadGeneratorCpu.toFixed(0)}% with stock; relay event-loop p99 ${ours.loopDelayP99?.toFixed(1)} ms`,
      ),
      !lost,
      'deliveries were lost',
    ),
    info(`${label}: relay CPU per delivered message`, ours.cpuPerDeliveryUs, 'µs', stock.cpuPerDeliveryUs, `relay at ${ours.cpuPercent.toFixed(0)}% of a core (stock ${stock.cpuPercent.toFixed(0)}%)`),
    atMost(
      `${label}: relay RSS per connection`,
      ours.rssPerConnectionKiB,
      'KiB',
      1.5 * stock.rssPerConnectionKiB,
      `≤ 1.5× stock (${(1.5 * stock.rssPerConnectionKiB).toFixed(0)} KiB)`,
      stock.rssPerConnectionKiB,
      `RSS with everyone connected ${ours.rssMb.toFixed(0)} MB (stock ${stock.rssMb.toFixed(0)} MB), minus the idle server's`,
    ),
  ]
}

/**
 * 2. fan-out with a load generator that leaves the CPU to the relay (issue 18): raw WebSocket clients that
 * match each arriving frame to its keystroke by its bytes, 30 editors in one process and the readers in
 * two; 230 and 1,000 clients on one draft, Accord and the stock server in the same run.
 */
export async function rawFanOut({ quick }: ScenarioOptions): Promise<BenchResult[]> {
  const out: BenchResult[] = []
  for (const [clients, durationMs] of [
    [230, quick ? 5000 : 30_000],
    [1000, quick ? 5000 : 20_000],
  ] as const) {
    const ours = await accordRun(clients, durationMs)
    await sleep(500)
    const stock = await stockRun(clients, durationMs)
    out.push(...rows(clients, ours, stock))
  }
  return out
}
