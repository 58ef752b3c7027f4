import { type BenchResult, atMost, info, requiring } from '../lib/results'
import { startAccord, startStock } from '../lib/servers'
import { p50p99 } from '../lib/stats'
import { Worker } from '../lib/workers'
import { BenchWorkspace } from '../lib/workspace'
import { blankParagraphState } from '../lib/drafts'
import type { Endpoint } from '../lib/yNode'
import type { ScenarioOptions } from './types'

const WORKER = new URL('./traceReplay.worker.ts', import.meta.url).pathname
const FULL_EDITS = 259_778
const QUICK_EDITS = 20_000

interface Replay {
  totalMs: number
  p50: number
  p99: number
  ok: boolean
}

/** A types the trace through the server at `endpoint`, B (another process) receives it. */
async function replayThrough(endpoint: Endpoint, count: number): Promise<Replay> {
  const a = new Worker(WORKER, 'trace-A')
  const b = new Worker(WORKER, 'trace-B')
  try {
    await b.call('receive', { endpoint, count, timeoutMs: 600_000 })
    await a.call('connectSender', { endpoint, count })
    const [sent, got] = await Promise.all([
      a.call<{ sendTimes: Float64Array; textOk: boolean }>('replay'),
      b.call<{ times: Float64Array; textOk: boolean }>('received'),
    ])
    const latencies = got.times.map((t, i) => t - sent.sendTimes[i]!)
    const { p50, p99 } = p50p99(latencies)
    return { totalMs: got.times[got.times.length - 1]! - sent.sendTimes[0]!, p50, p99, ok: sent.textOk && got.textOk }
  } finally {
    await a.call('close').catch(() => undefined)
    await b.call('close').catch(() => undefined)
    await Promise.all([a.stop(), b.stop()])
  }
}

/**
 * 1. trace-replay: automerge-paper typed edit by edit by A, received by B, through Accord's relay and
 * through the stock server; the raw in-process Yjs time (A's doc typing, B's doc applying each update)
 * is the floor. Accord runs with `rateLimit: false`: any flood limit would stop a 260k-message replay.
 */
export async function traceReplay({ quick }: ScenarioOptions): Promise<BenchResult[]> {
  const count = quick ? QUICK_EDITS : FULL_EDITS
  const seed = blankParagraphState()
  const label = quick ? `automerge-paper (first ${count.toLocaleString('en')} edits)` : 'automerge-paper'

  const rawWorker = new Worker(WORKER, 'trace-raw')
  const raw = await rawWorker.call<{ ms: number; textOk: boolean }>('raw', { count, seed }).finally(() => rawWorker.stop())

  const ws = await BenchWorkspace.create()
  const { token } = await ws.person('editor')
  const draftId = await ws.draft('Trace replay', seed)
  await ws.close()
  const accord = await startAccord(ws.dataDir, { rateLimit: false })
  let ours: Replay
  try {
    ours = await replayThrough({ wsUrl: accord.wsUrl, room: draftId, token }, count)
  } finally {
    await accord.stop()
  }
  const stockServer = await startStock()
  let stock: Replay
  try {
    stock = await replayThrough({ wsUrl: stockServer.wsUrl, room: 'trace', seed }, count)
  } finally {
    await stockServer.stop()
  }

  const limit = Math.min(2 * raw.ms, 0.9 * stock.totalMs)
  const correct = ours.ok && stock.ok && raw.textOk
  return [
    info(`trace-replay: raw in-process Yjs apply, ${label}`, raw.ms, 'ms', null, raw.textOk ? undefined : 'raw replay did not reach endContent'),
    requiring(
      atMost(
        `trace-replay: total through Accord, ${label}`,
        ours.totalMs,
        'ms',
        limit,
        `≤ 2× raw (${(2 * raw.ms).toFixed(0)} ms) and ≤ 0.9× stock (${(0.9 * stock.totalMs).toFixed(0)} ms)`,
        stock.totalMs,
        `Accord with rateLimit: false (any flood limit would stop a replay of this size); B's text ${ours.ok ? 'equals' : 'DOES NOT equal'} endContent`,
      ),
      correct,
      'a replay (Accord, stock or raw) did not end at endContent',
    ),
    info('trace-replay: A→B latency p50 through Accord', ours.p50, 'ms', stock.p50),
    info('trace-replay: A→B latency p99 through Accord', ours.p99, 'ms', stock.p99),
  ]
}
