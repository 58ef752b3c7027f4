import { monitorEventLoopDelay } from 'node:perf_hooks'
import { silentLogger } from '../../../server/logger'
import { startServer } from '../../../server/startServer'
import { LowdbStore } from '../../../server/store/LowdbStore'

/**
 * Accord's server as its own process for the benchmarks: the real startServer on the embedded store,
 * plus an IPC channel for what only the process itself can measure (event-loop delay, bytes written).
 * argv: dataDir, then "no-rate-limit" to switch the per-connection flood limit off (trace replays).
 */
const [dataDir, mode] = process.argv.slice(2)
if (!dataDir || !process.send) throw new Error('start this file through startAccord (servers.ts)')
const store = new LowdbStore(dataDir)
const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  store,
  logger: silentLogger,
  seedDemo: false,
  ...(mode === 'no-rate-limit' ? { rateLimit: false as const } : {}),
})
const loop = monitorEventLoopDelay({ resolution: 1 })
loop.enable()

export interface AccordStats {
  loopDelay: { p50: number; p99: number; max: number }
  bytesWritten: { documents: number; comments: number; workspace: number }
  loadedCount: number
  /** V8 heap in use (MB): tells a leak (it stays up) from a heap V8 has not handed back yet. */
  heapUsedMb: number
}

const ms = (ns: number) => ns / 1e6
process.on('message', (m: { id: number; command: string }) => {
  const reply = (result: unknown) => process.send!({ id: m.id, result })
  switch (m.command) {
    case 'stats': {
      const stats: AccordStats = {
        loopDelay: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
        bytesWritten: store.bytesWritten(),
        loadedCount: server.drafts.loadedCount,
        heapUsedMb: process.memoryUsage().heapUsed / 1024 / 1024,
      }
      return reply(stats)
    }
    case 'resetLoopDelay':
      loop.reset()
      return reply(null)
    case 'close':
      void server.close().then(({ unsaved }) => {
        reply(unsaved)
        setTimeout(() => process.exit(0), 50)
      })
      return
    default:
      return process.send!({ id: m.id, error: `unknown command ${m.command}` })
  }
})
process.send({ id: 0, result: server.url })
