import { rmSync } from 'node:fs'
import { afterEach } from 'vitest'
import { spawnServer, type ServerProcess } from './serverProcess'
import { tempDataDir } from './testServer'
import type { YClient } from './yClient'

/**
 * Real server processes for crash and signal tests, cleaned up after each test: every process still running
 * is killed, every client destroyed, every data dir removed.
 */
export function serverProcessesClosedAfterEach() {
  const procs: ServerProcess[] = []
  const clients: YClient[] = []
  const dirs: string[] = []
  const spawn = (dataDir: string, port = 0): ServerProcess & { ready: Promise<string> } => {
    const proc = spawnServer(dataDir, { PORT: String(port) })
    procs.push(proc)
    return proc
  }
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    for (const p of procs.splice(0)) {
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL')
      await p.exited
    }
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })
  return {
    clients,
    dataDir(): string {
      const dir = tempDataDir()
      dirs.push(dir)
      return dir
    },
    /** Spawns `server/index.ts` on the data dir without waiting for it (e.g. to see it refuse to start). */
    spawn,
    /** Starts `server/index.ts` on the data dir; `port` keeps the address across restarts so clients reconnect. */
    async start(dataDir: string, port = 0): Promise<ServerProcess & { port: number }> {
      const proc = spawn(dataDir, port)
      const url = await proc.ready
      return Object.assign(proc, { port: Number(new URL(url).port) })
    },
    /** kill -9: no shutdown code runs. */
    async kill9(proc: ServerProcess): Promise<void> {
      proc.child.kill('SIGKILL')
      const { signal } = await proc.exited
      if (signal !== 'SIGKILL') throw new Error(`the server ended with ${signal} before it was killed`)
    },
  }
}
