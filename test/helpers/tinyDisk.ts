import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A real filesystem of a few hundred KiB (tmpfs), where writes beyond its size fail with ENOSPC. */
export interface TinyDisk {
  dir: string
  unmount(): void
}

/** Mounts a tmpfs of `kib` KiB on a new temporary directory (needs root). */
export function mountTinyDisk(kib: number): TinyDisk {
  const dir = mkdtempSync(join(tmpdir(), 'accord-tiny-disk-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k,mode=0700`, 'tmpfs', dir], { stdio: 'pipe' })
  } catch (err) {
    rmSync(dir, { recursive: true, force: true })
    throw err
  }
  return {
    dir,
    unmount() {
      // Lazily: a write still finishing after a failed test must not leave the mount behind.
      execFileSync('umount', ['--lazy', dir], { stdio: 'pipe' })
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Why a tiny disk cannot be mounted here (printed by the tests that then skip), or null when it can. */
export function tinyDiskUnavailable(): string | null {
  try {
    mountTinyDisk(64).unmount()
    return null
  } catch (err) {
    const reason = `cannot mount a tmpfs here (${String((err as { stderr?: Buffer }).stderr ?? err).trim()}); the tiny-disk tests are skipped`
    console.log(reason)
    return reason
  }
}
