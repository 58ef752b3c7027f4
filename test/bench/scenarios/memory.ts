import { type BenchResult, atMost, info } from '../lib/results'
import { MB, sampleProcess, waitQuiet } from '../lib/procStats'
import { startAccord } from '../lib/servers'
import { sleep } from '../lib/stats'
import { startWorkers, stopWorkers } from '../lib/workers'
import { BenchWorkspace } from '../lib/workspace'
import { demoState } from '../lib/drafts'
import type { ClientSpec } from './fanOut.worker'
import type { ScenarioOptions } from './types'

const WORKER = new URL('./fanOut.worker.ts', import.meta.url).pathname
const DRAFTS = 200

/**
 * 6. memory: 200 drafts opened by clients (each typed in a little, so each is written), then every
 * client disconnects; the server's RSS a minute later against its RSS before any draft was opened.
 */
export async function memory({ quick }: ScenarioOptions): Promise<BenchResult[]> {
  const settleMs = quick ? 5000 : 60_000
  const ws = await BenchWorkspace.create()
  const editor = await ws.person('editor')
  const state = demoState()
  const ids: string[] = []
  for (let i = 0; i < DRAFTS; i++) ids.push(await ws.draft(`Draft ${i + 1}`, state))
  await ws.close()
  const server = await startAccord(ws.dataDir, { rateLimit: true })
  try {
    await waitQuiet([server.pid], 5)
    const baseline = sampleProcess(server.pid).rssBytes
    const heapBefore = (await server.stats())!.heapUsedMb
    const workers = startWorkers(WORKER, 2, 'memory')
    const clients: ClientSpec[] = ids.map((room) => ({ endpoint: { wsUrl: server.wsUrl, room, token: editor.token }, editor: true, textIndex: 0 }))
    try {
      await Promise.all(workers.map((w, i) => w.call('connect', { clients: clients.filter((_, j) => j % workers.length === i) })))
      await Promise.all(workers.map((w) => w.call('type', { durationMs: 2000, keysPerSecond: 5 })))
      const open = (await server.stats())!.loadedCount
      const loaded = sampleProcess(server.pid).rssBytes
      await Promise.all(workers.map((w) => w.call('close')))
      for (let i = 0; i < 100 && (await server.stats())!.loadedCount > 0; i++) await sleep(100)
      const left = (await server.stats())!.loadedCount
      await sleep(settleMs)
      const after = sampleProcess(server.pid)
      const heapAfter = (await server.stats())!.heapUsedMb
      return [
        info('memory: RSS with 200 drafts open', loaded / MB, 'MB', baseline / MB, `${open} drafts loaded while connected`),
        atMost(
          `memory: RSS ${settleMs / 1000} s after all 200 drafts were closed`,
          after.rssBytes / MB,
          'MB',
          (baseline * 1.1) / MB,
          `≤ baseline + 10% (${((baseline * 1.1) / MB).toFixed(0)} MB)`,
          baseline / MB,
          `baseline: RSS after start, before any draft was opened; ${left} drafts still loaded after the clients left; peak ${(after.peakRssBytes / MB).toFixed(0)} MB; V8 heap in use ${heapBefore.toFixed(0)} MB before, ${heapAfter.toFixed(0)} MB after`,
        ),
      ]
    } finally {
      await stopWorkers(workers)
    }
  } finally {
    await server.stop()
    ws.remove()
  }
}
