import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import type { Role } from '../../shared/types'
import { ParticipantService } from '../../server/participants/ParticipantService'
import { LowdbStore } from '../../server/store/LowdbStore'

const ROOT = join(import.meta.dirname, '..', '..')

export interface ServerProcess {
  child: ChildProcess
  url: string
  stdout: () => string
  stderr: () => string
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/**
 * Runs `server/index.ts` as its own process (for kill -9, SIGTERM and start-up failures). Node loads tsx
 * itself: the `tsx` command would run the server in a grandchild, which a SIGKILL of the child leaves running.
 */
export function spawnServer(dataDir: string, env: Record<string, string> = {}): ServerProcess & { ready: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'index.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  const proc: ServerProcess & { ready: Promise<string> } = {
    child,
    url: '',
    stdout: () => out,
    stderr: () => err,
    exited,
    ready: new Promise<string>((resolve, reject) => {
      const onData = () => {
        const m = /"msg":"accord started","url":"([^"]+)"/.exec(out)
        if (m) {
          child.stdout!.off('data', onData)
          proc.url = m[1]!
          resolve(m[1]!)
        }
      }
      child.stdout!.on('data', onData)
      void exited.then(({ code }) => reject(new Error(`server exited with ${code} before starting:\n${err}`)))
    }),
  }
  return proc
}

/** Creates a participant and API token directly in a data dir (no server may be running on it). */
export async function tokenInDataDir(dataDir: string, role: Role, name = `${role} user`, org = 'NO'): Promise<string> {
  const store = new LowdbStore(dataDir)
  await store.open()
  try {
    const participants = new ParticipantService(store)
    const p = await participants.findOrCreate({ name, org, role })
    return await participants.createApiToken(p.id)
  } finally {
    await store.close()
  }
}
