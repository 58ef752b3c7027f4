/**
 * Runs `task` one at a time. A call made while a run is in progress shares a single follow-up run, which
 * reads the latest state when it starts: many writes in a burst cost at most two file writes.
 */
export function coalescingRunner(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null
  let queued: Promise<void> | null = null

  const start = (): Promise<void> => {
    const run = task().finally(() => {
      running = null
    })
    running = run
    return run
  }

  return () => {
    if (!running) return start()
    if (!queued) {
      queued = running
        .catch(() => undefined)
        .then(() => {
          queued = null
          return start()
        })
    }
    return queued
  }
}
