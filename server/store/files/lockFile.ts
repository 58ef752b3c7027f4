import { open, readFile, unlink } from 'node:fs/promises'
import { DataDirLockedError } from '../errors'

/** What a lock file records about the process that took it. */
interface LockOwner {
  pid: number
  /** `performance.timeOrigin` of the owner: tells this process apart from an earlier one that had its pid. */
  timeOrigin?: number
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Whether the lock's owner still runs. A lock naming our own pid is ours only if this very process took it
 * (another store in it); otherwise an earlier process had our pid and died (pid 1 in a container after
 * kill -9 and a restart), and `isAlive` would wrongly see it alive in us.
 */
function isHeld(owner: LockOwner): boolean {
  if (owner.pid === process.pid) return owner.timeOrigin === performance.timeOrigin
  return owner.pid > 0 && isAlive(owner.pid)
}

/** The lock's owner, or null when the file is missing or unreadable (a crash while it was written). */
async function readOwner(file: string): Promise<LockOwner | null> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as { pid?: unknown; timeOrigin?: unknown }
    const pid = Number(data.pid) || 0
    return typeof data.timeOrigin === 'number' ? { pid, timeOrigin: data.timeOrigin } : { pid }
  } catch {
    return null
  }
}

/**
 * Takes the data directory's lock file, so that two servers never write the same files (lowdb would
 * silently lose data). A lock left by a process that no longer runs (kill -9, power cut) is taken over.
 * Returns a function that releases it.
 */
export async function acquireLock(file: string, dataDir: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o600)
      const owner = { pid: process.pid, timeOrigin: performance.timeOrigin, startedAt: new Date().toISOString() }
      await handle.writeFile(JSON.stringify(owner))
      await handle.sync()
      await handle.close()
      return async () => {
        await unlink(file).catch(() => undefined)
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    const owner = await readOwner(file)
    if (owner && isHeld(owner)) throw new DataDirLockedError(dataDir, owner.pid)
    await unlink(file).catch(() => undefined)
  }
  throw new Error(`Could not take the lock ${file}; remove it if no Accord server is running.`)
}

/** The pid holding the lock, if a live process holds it. */
export async function lockHolder(file: string): Promise<number | null> {
  const owner = await readOwner(file)
  return owner && isHeld(owner) ? owner.pid : null
}
