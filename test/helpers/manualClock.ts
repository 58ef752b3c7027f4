import type { Clock } from '../../server/util/clock'

/** A clock the test moves by hand: deadlines pass when the test says so, not when the wall clock does. */
export interface ManualClock extends Clock {
  /** Moves time on by `ms` and runs whatever falls due (in order of due time). */
  advance(ms: number): void
  set(at: number): void
}

export function manualClock(start: number): ManualClock {
  let now = start
  let nextId = 0
  const due = new Map<number, { at: number; fn: () => void }>()
  const runDue = () => {
    const ready = [...due.entries()].filter(([, t]) => t.at <= now).sort((a, b) => a[1].at - b[1].at)
    for (const [id, t] of ready) {
      due.delete(id)
      t.fn()
    }
  }
  return {
    now: () => now,
    at(at, fn) {
      const id = nextId++
      due.set(id, { at, fn })
      // Like the system clock, something already due runs soon, never inside `at`.
      if (at <= now) queueMicrotask(runDue)
      return () => due.delete(id)
    },
    advance(ms) {
      now += ms
      runDue()
    },
    set(at) {
      now = at
      runDue()
    },
  }
}
