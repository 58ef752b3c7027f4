import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { Role } from '../../shared/types'
import { jsonLogger } from '../../server/logger'
import { startServer } from '../../server/startServer'
import type { ProbeReply, ProbeRequest } from './probedServer'

/**
 * The real server in a child process of its own, with probes a test reads over IPC: resident memory
 * (sampled every 5 ms, so short peaks count), event-loop delay (perf_hooks histogram and a timer-drift
 * probe), malformed-message closes from the log, and the registry's open drafts. Measuring in the
 * server's own process keeps the attacking test's work out of the figures.
 *
 * Wall-clock delay also counts time the process waited for a CPU (2 cores shared with the test's clients,
 * and a virtual machine's steal time). `maxBusyMs` bounds each gap by the CPU time the process used in
 * it: the longest the event loop can have been blocked by the server's own work.
 */

const DRIFT_PROBE_MS = 10
let malformedCloses = 0
const logger = jsonLogger((level, line) => {
  if (line.includes('"connection closed: malformed message"')) malformedCloses++
  // Only errors are passed on: a pipe write blocks once the parent falls behind reading it, and the warning
  // per refused socket would then show up as event-loop delay of the harness, not of the server.
  if (level === 'error') process.stderr.write(`${line}\n`)
})

const histogram = monitorEventLoopDelay({ resolution: 10 })
let peakRss = 0
let maxDrift = 0
let maxBusy = 0
let lastTick = performance.now()
let lastCpu = process.cpuUsage()

function reset(): void {
  histogram.reset()
  peakRss = process.memoryUsage.rss()
  maxDrift = 0
  maxBusy = 0
  lastTick = performance.now()
  lastCpu = process.cpuUsage()
  malformedCloses = 0
}

async function main(): Promise<void> {
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir: process.env.DATA_DIR!, logger })
  const demoId = (await server.documents.list())[0]?.id ?? ''
  histogram.enable()
  setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss())
  }, 5)
  setInterval(() => {
    const now = performance.now()
    const cpu = process.cpuUsage(lastCpu)
    lastCpu = process.cpuUsage()
    const drift = now - lastTick - DRIFT_PROBE_MS
    maxDrift = Math.max(maxDrift, drift)
    // The loop can only have been busy for as long as the process used the CPU in that gap.
    maxBusy = Math.max(maxBusy, Math.min(drift, (cpu.user + cpu.system) / 1000))
    lastTick = now
  }, DRIFT_PROBE_MS)
  reset()

  const reply = (message: ProbeReply) => process.send!(message)
  process.on('message', (request: ProbeRequest) => {
    void (async () => {
      switch (request.type) {
        case 'token': {
          const p = await server.participants.create({ name: request.name, org: 'NO', role: request.role as Role })
          return reply({ type: 'token', token: await server.participants.createApiToken(p.id) })
        }
        case 'reset':
          reset()
          return reply({ type: 'reset' })
        case 'stats': {
          if (request.gc) (globalThis as { gc?: () => void }).gc?.()
          const memory = process.memoryUsage()
          return reply({
            type: 'stats',
            rss: memory.rss,
            heapUsed: memory.heapUsed,
            peakRss: Math.max(peakRss, memory.rss),
            maxDelayMs: histogram.max / 1e6,
            p99DelayMs: histogram.percentile(99) / 1e6,
            maxDriftMs: maxDrift,
            maxBusyMs: maxBusy,
            malformedCloses,
            loadedCount: server.drafts.loadedCount,
            connections: server.relay.connectionCount,
            documents: (await server.documents.list()).length,
          })
        }
        case 'stop':
          await server.close()
          return process.exit(0)
        default: {
          const never: never = request
          throw new Error(`unknown probe request ${JSON.stringify(never)}`)
        }
      }
    })()
  })
  // If the test process goes away without stopping us, so do we.
  process.on('disconnect', () => process.exit(0))
  reply({ type: 'ready', url: server.url, demoId })
}

void main()
