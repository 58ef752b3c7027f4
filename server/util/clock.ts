/** The server's clock for deadlines: the time, and running work at a given time. Tests pass their own. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
  /** Runs `fn` at `at` (ms since the epoch), soon if that has passed (never synchronously); returns a cancel. */
  at(at: number, fn: () => void): () => void
}

/** setTimeout takes at most this many ms; longer waits are chained. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1

/** The system clock (`Date.now`) with timers that survive waits longer than setTimeout allows. */
export const systemClock: Clock = {
  now: () => Date.now(),
  at(at, fn) {
    let timer: NodeJS.Timeout
    const schedule = () => {
      timer = setTimeout(() => (Date.now() >= at ? fn() : schedule()), Math.max(0, Math.min(at - Date.now(), MAX_TIMEOUT_MS)))
      timer.unref()
    }
    schedule()
    return () => clearTimeout(timer)
  },
}
