import { type ChildProcess, fork } from 'node:child_process'
import { setPriority } from 'node:os'
import { join } from 'node:path'

const WORKER_MAIN = join(import.meta.dirname, 'workerMain.ts')
/** Scheduling priority of client processes (nice): the server under test comes first. */
const CLIENT_NICENESS = 5

interface Reply {
  id: number
  result?: unknown
  error?: string
}

/**
 * A client process: runs the handlers a scenario's `*.worker.ts` module exports, called from the
 * benchmark over IPC. Clients never share a process with the server they measure.
 */
export class Worker {
  private readonly child: ChildProcess
  private nextId = 1
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  private readonly exited: Promise<void>

  constructor(handlersModule: string, readonly label = 'worker') {
    this.child = fork(WORKER_MAIN, [handlersModule], {
      execArgv: [
        '--import',
        'tsx',
        '--max-old-space-size=4096',
        // BENCH_CPU_PROF_CLIENTS=<dir>: V8 CPU profiles of the client processes (node --cpu-prof).
        ...(process.env.BENCH_CPU_PROF_CLIENTS ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_CLIENTS}`] : []),
      ],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    // The load generator yields the CPU to the server it measures: on 2 cores they compete for it.
    setPriority(this.child.pid!, CLIENT_NICENESS)
    this.child.on('message', (m: Reply) => {
      const w = this.waiting.get(m.id)
      if (!w) return
      this.waiting.delete(m.id)
      if (m.error !== undefined) w.reject(new Error(`${label}: ${m.error}`))
      else w.resolve(m.result)
    })
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code) => {
        for (const w of this.waiting.values()) w.reject(new Error(`${label} exited with ${code}`))
        this.waiting.clear()
        resolve()
      }),
    )
  }

  get pid(): number {
    return this.child.pid!
  }

  call<T>(command: string, args: unknown = {}): Promise<T> {
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject })
      this.child.send({ id, command, args })
    })
  }

  async stop(): Promise<void> {
    // Closing the IPC channel lets the process exit by itself (workerMain exits on 'disconnect').
    if (this.child.connected) this.child.disconnect()
    const timer = setTimeout(() => this.child.kill('SIGTERM'), 5000)
    await this.exited
    clearTimeout(timer)
  }
}

/** Starts `count` client processes running the same handlers. */
export function startWorkers(handlersModule: string, count: number, label = 'clients'): Worker[] {
  return Array.from({ length: count }, (_, i) => new Worker(handlersModule, `${label}#${i}`))
}

export async function stopWorkers(workers: readonly Worker[]): Promise<void> {
  await Promise.all(workers.map((w) => w.stop()))
}
