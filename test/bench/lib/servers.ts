import { type ChildProcess, fork, spawn } from 'node:child_process'
import { join } from 'node:path'
import { freePort } from '../../helpers/freePort'
import type { AccordStats } from './serverMain'

const ROOT = join(import.meta.dirname, '..', '..', '..')

/** A relay under test, running in its own process. */
export interface BenchServer {
  kind: 'accord' | 'stock'
  pid: number
  /** http://127.0.0.1:port */
  httpUrl: string
  /** What a y-websocket provider takes as its server URL (the room name is appended). */
  wsUrl: string
  /** Only Accord's process answers; the stock server has no such channel. */
  stats(): Promise<AccordStats | null>
  resetLoopDelay(): Promise<void>
  stop(): Promise<void>
}

/** Starts Accord (server/startServer) on a prepared data dir in a child process. */
export async function startAccord(dataDir: string, options: { rateLimit: boolean }): Promise<BenchServer> {
  const child = fork(join(import.meta.dirname, 'serverMain.ts'), [dataDir, options.rateLimit ? 'default' : 'no-rate-limit'], {
    cwd: ROOT,
    // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the server process there (node --cpu-prof).
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  let nextId = 1
  const waiting = new Map<number, (v: unknown) => void>()
  child.on('message', (m: { id: number; result?: unknown; error?: string }) => {
    waiting.get(m.id)?.(m.error !== undefined ? new Error(m.error) : m.result)
    waiting.delete(m.id)
  })
  const call = <T>(command: string) =>
    new Promise<T>((resolve, reject) => {
      if (child.exitCode !== null) return reject(new Error('the Accord server process has exited'))
      const id = nextId++
      waiting.set(id, (v) => (v instanceof Error ? reject(v) : resolve(v as T)))
      child.send({ id, command })
    })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = await new Promise<string>((resolve, reject) => {
    waiting.set(0, (v) => resolve(v as string))
    void exited.then(() => reject(new Error('the Accord server exited before it started')))
  })
  return {
    kind: 'accord',
    pid: child.pid!,
    httpUrl: url,
    wsUrl: `${url.replace(/^http/, 'ws')}/collab`,
    stats: () => call<AccordStats>('stats'),
    resetLoopDelay: () => call<void>('resetLoopDelay'),
    async stop() {
      if (child.exitCode === null) await call('close').catch(() => undefined)
      await stopChild(child, exited, 5000)
    },
  }
}

/** Starts the stock `@y/websocket-server` 0.1.1 (in memory, no persistence): the baseline only. */
export async function startStock(): Promise<BenchServer> {
  const port = await freePort()
  const child = spawn(process.execPath, [join(ROOT, 'node_modules', '@y', 'websocket-server', 'src', 'server.js')], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('running at')) resolve()
    })
    void exited.then(() => reject(new Error(`the stock server exited before it started: ${out}`)))
  })
  return {
    kind: 'stock',
    pid: child.pid!,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    stats: async () => null,
    resetLoopDelay: async () => undefined,
    stop: () => stopChild(child, exited),
  }
}

async function stopChild(child: ChildProcess, exited: Promise<void>, graceMs = 0): Promise<void> {
  // A process that was asked to close gets a moment to exit by itself (and write its CPU profile).
  if (graceMs > 0) await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs))])
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}
