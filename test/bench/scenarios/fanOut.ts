import { type BenchResult, atMost, info, requiring } from '../lib/results'
import { MB, cpuPercent, sampleProcess, waitQuiet } from '../lib/procStats'
import { type BenchServer, startAccord, startStock } from '../lib/servers'
import { p50p99, sleep } from '../lib/stats'
import { type Worker, startWorkers, stopWorkers } from '../lib/workers'
import { BenchWorkspace } from '../lib/workspace'
import { demoState } from '../lib/drafts'
import type { ClientSpec } from './fanOut.worker'
import type { ScenarioOptions } from './types'

const WORKER = new URL('./fanOut.worker.ts', import.meta.url).pathname
/** Client processes (the machine has 2 cores; the server gets its own process). */
const CLIENT_PROCESSES = 4
const KEYS_PER_SECOND = 5
/** Time after the last keystroke for deliveries still in flight. */
const DRAIN_MS = 1500

interface Layout {
  /** One endpoint per draft. */
  drafts: { editor: ClientSpec['endpoint']; reader: ClientSpec['endpoint'] }[]
  editorsPerDraft: number
  readersPerDraft: number
}

interface FanOutRun {
  p50: number
  p99: number
  cpuPercent: number
  /** CPU of all client processes together: on a 2-core machine they compete with the relay. */
  clientCpuPercent: number
  /** The relay's event-loop delay p99 while typing (Accord only). */
  loopDelayP99: number | null
  rssMb: number
  keystrokes: number
  deliveredShare: number
}

function specs(layout: Layout): ClientSpec[] {
  return layout.drafts.flatMap((d) => [
    ...Array.from({ length: layout.editorsPerDraft }, (_, i) => ({ endpoint: d.editor, editor: true, textIndex: i })),
    ...Array.from({ length: layout.readersPerDraft }, () => ({ endpoint: d.reader, editor: false, textIndex: 0 })),
  ])
}

/** Connects every client, lets editors type for `durationMs`, and measures every delivery. */
export async function runFanOut(server: BenchServer, layout: Layout, durationMs: number): Promise<FanOutRun> {
  const all = specs(layout)
  const workers = startWorkers(WORKER, CLIENT_PROCESSES, `fan-out-${server.kind}`)
  try {
    const share = (w: number) => all.filter((_, i) => i % workers.length === w)
    await Promise.all(workers.map((w, i) => w.call('connect', { clients: share(i) })))
    // Let the burst of presence messages that hundreds of arrivals cause die down first.
    await waitQuiet([server.pid, ...workers.map((w) => w.pid)])
    await server.resetLoopDelay()
    const before = sampleProcess(server.pid)
    const clientsBefore = workers.map((w) => sampleProcess(w.pid))
    const t0 = Date.now()
    const perRoom = await Promise.all(workers.map((w) => w.call<Record<string, number>>('type', { durationMs, keysPerSecond: KEYS_PER_SECOND })))
    const after = sampleProcess(server.pid)
    const loopDelayP99 = (await server.stats())?.loopDelay.p99 ?? null
    const wall = Date.now() - t0
    const clientCpu = workers.reduce((sum, w, i) => sum + cpuPercent(clientsBefore[i]!, sampleProcess(w.pid), wall), 0)
    await Promise.all(workers.map((w) => w.call('drain', { ms: DRAIN_MS })))
    const latencies = await collectLatencies(workers)
    const clientsPerDraft = layout.editorsPerDraft + layout.readersPerDraft
    let keystrokes = 0
    for (const rooms of perRoom) for (const n of Object.values(rooms)) keystrokes += n
    const expected = keystrokes * (clientsPerDraft - 1)
    const { p50, p99 } = p50p99(latencies)
    return {
      p50,
      p99,
      cpuPercent: cpuPercent(before, after, wall),
      clientCpuPercent: clientCpu,
      loopDelayP99,
      rssMb: after.rssBytes / MB,
      keystrokes,
      deliveredShare: latencies.length / expected,
    }
  } finally {
    await Promise.all(workers.map((w) => w.call('close').catch(() => undefined)))
    await stopWorkers(workers)
  }
}

async function collectLatencies(workers: Worker[]): Promise<Float64Array> {
  const sends = await Promise.all(workers.map((w) => w.call<Float64Array>('sends')))
  const sent = new Float64Array(sends.reduce((n, s) => n + s.length, 0))
  let at = 0
  for (const s of sends) {
    sent.set(s, at)
    at += s.length
  }
  const parts = await Promise.all(workers.map((w) => w.call<Float64Array>('latencies', { sent })))
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0))
  at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

interface Case {
  label: string
  drafts: number
  editorsPerDraft: number
  readersPerDraft: number
  durationMs: number
}

/** Runs one case on Accord and on the stock server; Accord's run also yields bytes per keystroke. */
async function runCase(c: Case): Promise<{ ours: FanOutRun; stock: FanOutRun; bytesPerKeystroke: number; diskBytesPerKeystroke: number | null }> {
  const seed = demoState()
  const ws = await BenchWorkspace.create()
  const editor = await ws.person('editor')
  const reader = await ws.person('commenter', 'DE')
  const ids: string[] = []
  for (let i = 0; i < c.drafts; i++) ids.push(await ws.draft(`Fan-out ${i + 1}`, seed))
  await ws.close()
  const accord = await startAccord(ws.dataDir, { rateLimit: true })
  let ours: FanOutRun
  let bytesPerKeystroke = Number.NaN
  let diskBytesPerKeystroke: number | null = null
  try {
    const bytesBefore = (await accord.stats())!.bytesWritten.documents
    const diskBefore = sampleProcess(accord.pid).writeBytes
    ours = await runFanOut(
      accord,
      {
        drafts: ids.map((room) => ({
          editor: { wsUrl: accord.wsUrl, room, token: editor.token },
          reader: { wsUrl: accord.wsUrl, room, token: reader.token },
        })),
        editorsPerDraft: c.editorsPerDraft,
        readersPerDraft: c.readersPerDraft,
      },
      c.durationMs,
    )
    // Every draft is written once its clients have left; by then all keystrokes are on disk.
    await waitForAllUnloaded(accord)
    bytesPerKeystroke = ((await accord.stats())!.bytesWritten.documents - bytesBefore) / ours.keystrokes
    const diskAfter = sampleProcess(accord.pid).writeBytes
    if (diskBefore !== null && diskAfter !== null) diskBytesPerKeystroke = (diskAfter - diskBefore) / ours.keystrokes
  } finally {
    await accord.stop()
    ws.remove()
  }
  const stockServer = await startStock()
  let stock: FanOutRun
  try {
    const room = (i: number) => ({ wsUrl: stockServer.wsUrl, room: `fan-out-${i}`, seed })
    stock = await runFanOut(
      stockServer,
      { drafts: ids.map((_, i) => ({ editor: room(i), reader: room(i) })), editorsPerDraft: c.editorsPerDraft, readersPerDraft: c.readersPerDraft },
      c.durationMs,
    )
  } finally {
    await stockServer.stop()
  }
  return { ours, stock, bytesPerKeystroke, diskBytesPerKeystroke }
}

async function waitForAllUnloaded(server: BenchServer): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await server.stats())!.loadedCount === 0) return
    await sleep(100)
  }
}

function rows(c: Case, ours: FanOutRun, stock: FanOutRun): BenchResult[] {
  const clients = c.drafts * (c.editorsPerDraft + c.readersPerDraft)
  const missing = ours.deliveredShare < 0.9999 ? `; only ${(ours.deliveredShare * 100).toFixed(2)}% of deliveries arrived` : ''
  return [
    info(`fan-out ${c.label}: keystroke→client latency p50`, ours.p50, 'ms', stock.p50),
    requiring(atMost(
      `fan-out ${c.label}: keystroke→client latency p99`,
      ours.p99,
      'ms',
      Math.min(20, stock.p99),
      `≤ 20 ms and ≤ stock (${stock.p99.toFixed(1)} ms)`,
      stock.p99,
      `${clients} clients in ${CLIENT_PROCESSES} processes (using ${ours.clientCpuPercent.toFixed(0)}% of a core with Accord, ${stock.clientCpuPercent.toFixed(0)}% with stock), ${ours.keystrokes} keystrokes, every delivery to every other client of the draft; relay event-loop delay p99 ${ours.loopDelayP99?.toFixed(1)} ms${missing}`,
    ), missing === '', 'deliveries were lost'),
    info(`fan-out ${c.label}: relay CPU`, ours.cpuPercent, '% of a core', stock.cpuPercent),
    info(`fan-out ${c.label}: relay RSS`, ours.rssMb, 'MB', stock.rssMb),
  ]
}

/** 2. fan-out: one draft with 30 editors at 5 keys/s and 200 readers; and 50 drafts × 10 clients. */
export async function fanOut({ quick }: ScenarioOptions): Promise<BenchResult[]> {
  const one: Case = { label: '1 draft × 230', drafts: 1, editorsPerDraft: 30, readersPerDraft: 200, durationMs: quick ? 3000 : 30_000 }
  const many: Case = { label: '50 drafts × 10', drafts: 50, editorsPerDraft: 3, readersPerDraft: 7, durationMs: 20_000 }
  const a = await runCase(one)
  // The quick run keeps to the one-draft case (connecting 500 more clients twice takes half a minute).
  const b = quick ? null : await runCase(many)
  return [
    ...rows(one, a.ours, a.stock),
    ...(b ? rows(many, b.ours, b.stock) : []),
    atMost(
      'persistence: bytes written per keystroke (documents)',
      a.bytesPerKeystroke,
      'B',
      200,
      '≤ 200 B amortised',
      null,
      `Store.bytesWritten over the ${one.label} run, snapshots included` +
        (a.diskBytesPerKeystroke === null ? '' : `; the kernel counted ${a.diskBytesPerKeystroke.toFixed(0)} B/keystroke reaching the disk (4 KiB pages per fsync)`),
    ),
  ]
}
