export interface SaveTiming {
  /** Quiet time after the last edit before writing. */
  debounceMs: number
  /** Longest an edit may wait while edits keep coming. */
  maxWaitMs: number
  /** First retry delay after a failed write; doubles up to `retryMaxMs`. */
  retryMs: number
  retryMaxMs: number
}

/**
 * Decides when a document is written: debounced after edits, with a maximum wait, retried with backoff
 * after failures, and flushed on demand. Only one save runs at a time.
 */
export class SaveScheduler {
  private timer: NodeJS.Timeout | null = null
  private firstDirtyAt: number | null = null
  private running: Promise<void> | null = null
  private dirty = false
  private failures = 0
  private disposed = false

  constructor(
    private readonly save: () => Promise<void>,
    private readonly timing: SaveTiming,
    private readonly onError: (err: unknown, attempt: number) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Call after every edit. */
  schedule(): void {
    this.dirty = true
    const t = this.now()
    this.firstDirtyAt ??= t
    if (this.failures > 0) return // a retry is already scheduled
    const wait = Math.max(0, Math.min(this.timing.debounceMs, this.firstDirtyAt + this.timing.maxWaitMs - t))
    this.setTimer(wait)
  }

  get hasUnsavedChanges(): boolean {
    return this.dirty || this.running !== null
  }

  /** Saves now (after any save in progress); rejects if the write fails. */
  async flush(): Promise<void> {
    this.clearTimer()
    // Loop: while this call waited, a timer or another flush may have started the save holding our edits.
    while (this.running) await this.running.catch(() => undefined)
    if (this.dirty) await this.run(true)
  }

  dispose(): void {
    this.disposed = true
    this.clearTimer()
  }

  private setTimer(ms: number): void {
    this.clearTimer()
    if (this.disposed) return
    this.timer = setTimeout(() => {
      this.timer = null
      void this.run(false).catch(() => undefined)
    }, ms)
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private async run(throwOnError: boolean): Promise<void> {
    if (this.running) {
      // Another waiter may have started the next save first: never run two at once.
      while (this.running) await this.running.catch(() => undefined)
      if (!this.dirty) return
    }
    this.dirty = false
    this.firstDirtyAt = null
    const attempt = (async () => {
      try {
        await this.save()
        this.failures = 0
      } catch (err) {
        this.dirty = true
        this.failures++
        this.onError(err, this.failures)
        const delay = Math.min(this.timing.retryMaxMs, this.timing.retryMs * 2 ** (this.failures - 1))
        this.setTimer(delay)
        throw err
      }
    })()
    this.running = attempt
    try {
      await attempt
    } catch (err) {
      if (throwOnError) throw err
    } finally {
      if (this.running === attempt) this.running = null
    }
    // Edits that arrived during the save are scheduled by their own schedule() calls.
    if (this.dirty && this.failures === 0 && !this.timer) this.schedule()
  }
}
