import { type BenchResult, atMost, info, requiring } from '../lib/results'
import { startAccord, startStock } from '../lib/servers'
import { Worker } from '../lib/workers'
import { BenchWorkspace } from '../lib/workspace'
import { blankParagraphState } from '../lib/drafts'
import type { Endpoint } from '../lib/yNode'
import type { ScenarioOptions } from './types'

const WORKER = new URL('./concurrentReplay.worker.ts', import.meta.url).pathname
const TRACE = 'friendsforever'

interface Replay {
  totalMs: number
  closes: number
  messages: number
}

async function replayThrough(endpoint: Endpoint, label: string): Promise<Replay> {
  const w = new Worker(WORKER, `replay-${label}`)
  try {
    await w.call('connect', { endpoint, name: TRACE })
    return await w.call<Replay>('replay', { timeoutMs: 300_000 })
  } finally {
    await w.call('close').catch(() => undefined)
    await w.stop()
  }
}

/**
 * 3. backpressure: the concurrent trace friendsforever (2 authors, 26,078 transactions) replayed at machine
 * speed, each author a stock provider sending each of its transactions as soon as what it builds on has
 * arrived, through Accord in its default configuration (flow control on) and through the stock server.
 */
export async function concurrentReplay(_options: ScenarioOptions): Promise<BenchResult[]> {
  const seed = blankParagraphState()
  const ws = await BenchWorkspace.create()
  const { token } = await ws.person('editor')
  const draftId = await ws.draft('Concurrent replay', seed)
  await ws.close()
  const accord = await startAccord(ws.dataDir, { rateLimit: true })
  let ours: Replay
  try {
    ours = await replayThrough({ wsUrl: accord.wsUrl, room: draftId, token }, 'accord')
  } finally {
    await accord.stop()
    ws.remove()
  }
  const stockServer = await startStock()
  let stock: Replay
  try {
    stock = await replayThrough({ wsUrl: stockServer.wsUrl, room: 'replay', seed }, 'stock')
  } finally {
    await stockServer.stop()
  }
  return [
    atMost(
      `backpressure: ${TRACE} at machine speed through the default relay`,
      ours.totalMs,
      'ms',
      1.5 * stock.totalMs,
      `≤ 1.5× stock (${(1.5 * stock.totalMs).toFixed(0)} ms)`,
      stock.totalMs,
      `${ours.messages} messages from 2 authors; both end at endContent (CC BY 4.0 trace, see Traces)`,
    ),
    requiring(
      atMost(`backpressure: disconnects during the ${TRACE} replay`, ours.closes, '', 0, 'none', stock.closes),
      ours.closes === 0,
      'the relay closed a legitimate client',
    ),
    info(`backpressure: ${TRACE} replay, messages per second through Accord`, (ours.messages / ours.totalMs) * 1000, 'msg/s', (stock.messages / stock.totalMs) * 1000),
  ]
}
