import { open, rename, link, unlink } from 'node:fs/promises'
import { dirname } from 'node:path'

/** Flushes a directory entry so a rename survives a power cut, not only a process crash. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * Replaces `file` atomically with `data` (temp file + fsync + rename). The previous version is kept as
 * `<file>.bak`, the automatic last-good backup that `accord restore` brings back.
 */
export async function writeFileDurably(file: string, data: string | Uint8Array): Promise<void> {
  const temp = `${file}.tmp`
  const handle = await open(temp, 'w', 0o600)
  try {
    try {
      // writeFile goes on after a short write until every byte is written or the disk refuses.
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch (err) {
    // Half a temp file would only hold space that a full disk needs for the writes that matter.
    await unlink(temp).catch(() => undefined)
    throw err
  }
  await keepBackup(file)
  await rename(temp, file)
  await fsyncDir(dirname(file))
}

/** Hard-links the current file as `<file>.bak` (replacing an older backup); no-op if it does not exist. */
async function keepBackup(file: string): Promise<void> {
  const bak = `${file}.bak`
  const bakTemp = `${bak}.tmp`
  try {
    await unlink(bakTemp).catch(() => undefined)
    await link(file, bakTemp)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return
    throw err
  }
  await rename(bakTemp, bak)
}
