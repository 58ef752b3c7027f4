import { EventEmitter } from 'node:events'
import { LowdbStore } from '../../server/store/LowdbStore'

/** An error like the one `write(2)` gives on a full disk. */
export function diskFullError(): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error('ENOSPC: no space left on device, write')
  err.code = 'ENOSPC'
  err.errno = -28
  err.syscall = 'write'
  return err
}

/**
 * The real LowdbStore with faults switched on and off by the test: a full disk (draft and comment writes
 * reject with ENOSPC while `diskFull` is set) and a slow disk (each draft write takes `writeDelayMs` more).
 * Emits `write-start` / `write-end` for draft writes, so tests wait on the write itself, not on a clock.
 */
export class FaultyStore extends LowdbStore {
  diskFull = false
  writeDelayMs = 0
  readonly events = new EventEmitter<{ 'write-start': [string]; 'write-end': [string, boolean] }>()
  /** Counts of draft writes that failed and succeeded, and comment writes refused. */
  readonly counts = { failedWrites: 0, okWrites: 0, refusedComments: 0 }
  private gate: Promise<void> | null = null

  /** Holds every draft write (in flight) until the returned function is called. */
  holdWrites(): () => void {
    let release!: () => void
    this.gate = new Promise<void>((resolve) => (release = resolve))
    return () => {
      this.gate = null
      release()
    }
  }

  override async appendDocumentUpdates(id: string, updates: readonly Uint8Array[], fullState: () => Uint8Array): Promise<void> {
    this.events.emit('write-start', id)
    try {
      if (this.writeDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.writeDelayMs))
      if (this.gate) await this.gate
      if (this.diskFull) throw diskFullError()
      await super.appendDocumentUpdates(id, updates, fullState)
    } catch (err) {
      this.counts.failedWrites++
      this.events.emit('write-end', id, false)
      throw err
    }
    this.counts.okWrites++
    this.events.emit('write-end', id, true)
  }

  override async putComments(...args: Parameters<LowdbStore['putComments']>): Promise<void> {
    if (this.diskFull) {
      this.counts.refusedComments++
      throw diskFullError()
    }
    await super.putComments(...args)
  }
}
