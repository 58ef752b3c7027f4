import { type ChildProcess, fork } from 'node:child_process'
import { rmSync } from 'node:fs'
import { setPriority } from 'node:os'
import { join } from 'node:path'
import type { Role } from '../../shared/types'
import { tempDataDir } from './testServer'

export type ProbeRequest = { type: 'token'; role: Role; name: string } | { type: 'reset' } | { type: 'stats'; gc?: boolean } | { type: 'stop' }

/** What the server process reports about itself. Memory in bytes, delays in milliseconds. */
export interface ProbeStats {
  type: 'stats'
  rss: number
  heapUsed: number
  /** Highest RSS sampled (every 5 ms) since the last reset. */
  peakRss: number
  /** Longest event-loop delay since the last reset (perf_hooks monitorEventLoopDelay). */
  maxDelayMs: number
  p99DelayMs: number
  /** Longest lateness of a 10 ms interval timer since the last reset. */
  maxDriftMs: number
  /** The same gaps, each capped at the CPU time the process used during it: the server's own blocking. */
  maxBusyMs: number
  /** Sockets closed for a malformed message since the last reset (from the log). */
  malformedCloses: number
  loadedCount: number
  connections: number
  documents: number
}

export type ProbeReply =
  | { type: 'ready'; url: string; demoId: string }
  | { type: 'token'; token: string }
  | { type: 'reset' }
  | ProbeStats

export interface ProbedServer {
  url: string
  dataDir: string
  demoId: string
  child: ChildProcess
  token(role: Role, name?: string): Promise<string>
  /** Starts a new measuring window (peaks, delays and counters back to zero). */
  reset(): Promise<void>
  /** The figures of the current window; `gc` collects garbage first (for "memory is flat"). */
  stats(gc?: boolean): Promise<ProbeStats>
  stop(): Promise<void>
  stderr(): string
}

const MAIN = join(import.meta.dirname, 'probedServerMain.ts')
export const MB = 1024 * 1024

/** Starts the server with probes in a child process (`--expose-gc`), on a fresh data dir. */
export async function startProbedServer(): Promise<ProbedServer> {
  const dataDir = tempDataDir()
  const child = fork(MAIN, [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  })
  try {
    // Linux renices one thread: the child's main thread, which runs its event loop. On this 2-core machine the
    // test's own clients compete for the CPU; the server's figures should show the server, not that queue.
    setPriority(child.pid!, -10)
  } catch {
    // Not permitted for this user: figures then include time the server waited for a CPU.
  }
  let err = ''
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
  const replies: ProbeReply[] = []
  const waiters: Array<(r: ProbeReply) => void> = []
  child.on('message', (m: ProbeReply) => {
    const waiter = waiters.shift()
    if (waiter) waiter(m)
    else replies.push(m)
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const next = <T extends ProbeReply['type']>(type: T): Promise<Extract<ProbeReply, { type: T }>> =>
    new Promise((resolve, reject) => {
      const accept = (r: ProbeReply) => (r.type === type ? resolve(r as Extract<ProbeReply, { type: T }>) : reject(new Error(`expected ${type}, got ${r.type}`)))
      const queued = replies.shift()
      if (queued) accept(queued)
      else waiters.push(accept)
      void exited.then(() => reject(new Error(`server process exited:\n${err}`)))
    })
  // One request at a time: replies come back in order.
  let chain: Promise<unknown> = Promise.resolve()
  const ask = <T extends ProbeReply['type']>(request: ProbeRequest, type: T) => {
    const run = chain.then(() => {
      child.send(request)
      return next(type)
    })
    chain = run.catch(() => undefined)
    return run
  }
  const ready = await next('ready')
  return {
    url: ready.url,
    dataDir,
    demoId: ready.demoId,
    child,
    token: async (role, name = `${role} probe`) => (await ask({ type: 'token', role, name }, 'token')).token,
    reset: async () => void (await ask({ type: 'reset' }, 'reset')),
    stats: (gc = false) => ask({ type: 'stats', gc }, 'stats'),
    stderr: () => err,
    async stop() {
      if (child.exitCode === null) {
        child.send({ type: 'stop' } satisfies ProbeRequest)
        await exited
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
