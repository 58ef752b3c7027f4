import { appendDurably } from './appendDurably'

interface Pending {
  data: string
  resolve: () => void
  reject: (err: unknown) => void
}

/**
 * An append-only text file where every append is fsynced before it resolves, and appends that arrive
 * while a write is in flight are written together with one fsync (group commit).
 */
export class GroupCommitLog {
  private queue: Pending[] = []
  private writing = false
  /** Total bytes appended through this instance. */
  bytesWritten = 0
  /** Current file size as far as this instance knows (set by the owner after reading the file). */
  size = 0

  constructor(readonly file: string) {}

  append(data: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ data, resolve, reject })
      if (!this.writing) void this.drain()
    })
  }

  /** Resolves when every append made so far has settled. */
  async idle(): Promise<void> {
    while (this.writing || this.queue.length > 0) await new Promise((r) => setImmediate(r))
  }

  private async drain(): Promise<void> {
    this.writing = true
    while (this.queue.length > 0) {
      const batch = this.queue
      this.queue = []
      const bytes = Buffer.from(batch.map((p) => p.data).join(''))
      try {
        await appendDurably(this.file, bytes)
        this.bytesWritten += bytes.length
        this.size += bytes.length
        for (const p of batch) p.resolve()
      } catch (err) {
        for (const p of batch) p.reject(err)
      }
    }
    this.writing = false
  }
}
