import { open, readFile, unlink } from 'node:fs/promises'
import { DataDirLockedError } from '../errors'

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
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
      await handle.writeFile(JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }))
      await handle.sync()
      await handle.close()
      return async () => {
        await unlink(file).catch(() => undefined)
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    let pid = 0
    try {
      pid = Number((JSON.parse(await readFile(file, 'utf8')) as { pid?: unknown }).pid) || 0
    } catch {
      // An unreadable lock (crash while writing it) holds nothing.
    }
    if (pid > 0 && isAlive(pid)) throw new DataDirLockedError(dataDir, pid)
    await unlink(file).catch(() => undefined)
  }
  throw new Error(`Could not take the lock ${file}; remove it if no Accord server is running.`)
}

/** The pid holding the lock, if a live process holds it. */
export async function lockHolder(file: string): Promise<number | null> {
  try {
    const pid = Number((JSON.parse(await readFile(file, 'utf8')) as { pid?: unknown }).pid) || 0
    return pid > 0 && isAlive(pid) ? pid : null
  } catch {
    return null
  }
}
