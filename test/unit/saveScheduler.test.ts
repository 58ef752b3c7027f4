import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SaveScheduler, type SaveTiming } from '../../server/drafts/SaveScheduler'

const TIMING: SaveTiming = { debounceMs: 1000, maxWaitMs: 3000, retryMs: 500, retryMaxMs: 4000 }

interface Deferred {
  resolve: () => void
  reject: (err: Error) => void
}

/**
 * A scheduler around a fake save that records when each save started, how many ran at once, and can be
 * held open (manual) or made to fail.
 */
function harness(timing: SaveTiming = TIMING) {
  const t0 = Date.now()
  const starts: number[] = []
  const held: Deferred[] = []
  const errors: { err: unknown; attempt: number }[] = []
  const plan = { manual: false, failures: 0 }
  let active = 0
  let maxActive = 0
  const save = async () => {
    starts.push(Date.now() - t0)
    active++
    maxActive = Math.max(maxActive, active)
    try {
      if (plan.manual) {
        await new Promise<void>((resolve, reject) => held.push({ resolve, reject }))
      } else if (plan.failures > 0) {
        plan.failures--
        throw new Error('disk full')
      }
    } finally {
      active--
    }
  }
  const scheduler = new SaveScheduler(save, timing, (err, attempt) => errors.push({ err, attempt }), () => Date.now())
  return {
    scheduler,
    starts,
    held,
    errors,
    plan,
    get active() {
      return active
    },
    get maxActive() {
      return maxActive
    },
    elapsed: () => Date.now() - t0,
  }
}

/** Tracks whether a promise has settled, without awaiting it. */
function track(p: Promise<unknown>) {
  const state = { settled: false, rejected: false }
  p.then(
    () => (state.settled = true),
    () => {
      state.settled = true
      state.rejected = true
    },
  )
  return state
}

/** Lets pending promise callbacks run without moving the clock. */
const settle = () => vi.advanceTimersByTimeAsync(0)

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('SaveScheduler', () => {
  it('saves once, a debounce after the last of several quick edits', async () => {
    const h = harness()
    h.scheduler.schedule()
    await vi.advanceTimersByTimeAsync(400)
    h.scheduler.schedule()
    await vi.advanceTimersByTimeAsync(400)
    h.scheduler.schedule()
    await vi.advanceTimersByTimeAsync(999)
    expect(h.starts).toEqual([])
    expect(h.scheduler.hasUnsavedChanges).toBe(true)
    await vi.advanceTimersByTimeAsync(1)
    expect(h.starts).toEqual([1800])
    expect(h.scheduler.hasUnsavedChanges).toBe(false)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(h.starts).toEqual([1800]) // nothing new to save
  })

  it('saves at least every maxWait while edits keep coming', async () => {
    const h = harness()
    for (let t = 0; t < 10_000; t += 200) {
      h.scheduler.schedule()
      await vi.advanceTimersByTimeAsync(200)
    }
    // The debounce alone would never fire; max wait cuts in 3 s after the first unsaved edit.
    expect(h.starts).toEqual([3000, 6000, 9000])
    await vi.advanceTimersByTimeAsync(1000)
    expect(h.starts).toEqual([3000, 6000, 9000, 10_800])
  })

  it('retries a failed save with doubling delays up to the maximum, and reports each failure', async () => {
    const h = harness()
    h.plan.failures = 5
    h.scheduler.schedule()
    await vi.advanceTimersByTimeAsync(1000)
    expect(h.starts).toEqual([1000])
    // Edits while a retry is pending neither delay nor hurry it.
    await vi.advanceTimersByTimeAsync(300)
    h.scheduler.schedule()
    await vi.advanceTimersByTimeAsync(20_000)
    // Delays 500, 1000, 2000, 4000, then capped at 4000; the sixth attempt succeeds.
    expect(h.starts).toEqual([1000, 1500, 2500, 4500, 8500, 12_500])
    expect(h.errors.map((e) => e.attempt)).toEqual([1, 2, 3, 4, 5])
    expect((h.errors[0]!.err as Error).message).toBe('disk full')
    expect(h.scheduler.hasUnsavedChanges).toBe(false)
    // After a success the backoff starts over.
    h.plan.failures = 1
    h.scheduler.schedule()
    await vi.advanceTimersByTimeAsync(1000 + 500)
    expect(h.starts.slice(6)).toEqual([22_300, 22_800])
  })

  it('flush saves at once and resolves once the save is done', async () => {
    const h = harness()
    h.plan.manual = true
    h.scheduler.schedule()
    const flushed = track(h.scheduler.flush())
    await settle()
    expect(h.starts).toEqual([0])
    expect(flushed.settled).toBe(false)
    h.held[0]!.resolve()
    await settle()
    expect(flushed).toEqual({ settled: true, rejected: false })
    // The debounce timer was cancelled: no second save.
    await vi.advanceTimersByTimeAsync(5000)
    expect(h.starts).toEqual([0])
  })

  it('flush with nothing to save resolves without saving', async () => {
    const h = harness()
    await h.scheduler.flush()
    expect(h.starts).toEqual([])
  })

  it('flush waits for a save in progress, then saves the edits made meanwhile', async () => {
    const h = harness()
    h.plan.manual = true
    h.scheduler.schedule()
    await vi.advanceTimersByTimeAsync(1000)
    expect(h.starts).toEqual([1000])
    h.scheduler.schedule() // an edit the running save does not contain
    const flushed = track(h.scheduler.flush())
    await settle()
    expect(h.starts).toHaveLength(1) // no second save while the first runs
    h.held[0]!.resolve()
    await settle()
    expect(h.starts).toHaveLength(2)
    expect(flushed.settled).toBe(false)
    h.held[1]!.resolve()
    await settle()
    expect(flushed).toEqual({ settled: true, rejected: false })
    expect(h.maxActive).toBe(1)
  })

  it('every concurrent flush waits until the edits made before it are saved', async () => {
    const h = harness()
    h.plan.manual = true
    h.scheduler.schedule()
    await vi.advanceTimersByTimeAsync(1000)
    h.scheduler.schedule()
    const first = track(h.scheduler.flush())
    const second = track(h.scheduler.flush()) // e.g. shutdown while a REST handler flushes
    h.held[0]!.resolve()
    await settle()
    expect(h.starts).toHaveLength(2)
    expect(first.settled).toBe(false)
    expect(second.settled).toBe(false)
    h.held[1]!.resolve()
    await settle()
    expect(first.settled && second.settled).toBe(true)
    expect(h.starts).toHaveLength(2)
    expect(h.maxActive).toBe(1)
  })

  it('a flush racing the debounce timer still waits for the save that holds its edits', async () => {
    const h = harness()
    h.plan.manual = true
    h.scheduler.schedule()
    await vi.advanceTimersByTimeAsync(1000) // save 1 starts and hangs
    h.scheduler.schedule()
    await vi.advanceTimersByTimeAsync(1000) // the debounce fires while save 1 runs: it waits its turn
    expect(h.starts).toHaveLength(1)
    const flushed = track(h.scheduler.flush())
    h.held[0]!.resolve()
    await settle()
    expect(h.starts).toHaveLength(2)
    expect(flushed.settled).toBe(false)
    h.held[1]!.resolve()
    await settle()
    expect(flushed.settled).toBe(true)
    expect(h.maxActive).toBe(1)
  })

  it('never runs two saves at once, whatever mix of edits, timers, flushes and slow saves (seeded)', async () => {
    for (const seed of [11, 12, 13, 14, 15]) {
      console.log(`save scheduler random mix: seed ${seed}`)
      let a = seed
      const random = () => ((a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 2 ** 32)
      const h = harness()
      h.plan.manual = true
      const flushes: { state: ReturnType<typeof track>; savesBefore: number }[] = []
      for (let step = 0; step < 300; step++) {
        const r = random()
        if (r < 0.4) h.scheduler.schedule()
        else if (r < 0.5) flushes.push({ state: track(h.scheduler.flush()), savesBefore: h.starts.length })
        else if (r < 0.75) h.held.shift()?.resolve()
        await vi.advanceTimersByTimeAsync(Math.floor(random() * 1500))
        expect(h.active).toBeLessThanOrEqual(1)
      }
      for (let i = 0; i < 50 && (h.held.length > 0 || h.scheduler.hasUnsavedChanges); i++) {
        for (const d of h.held.splice(0)) d.resolve()
        await vi.advanceTimersByTimeAsync(5000)
      }
      expect(h.maxActive).toBe(1)
      expect(flushes.length).toBeGreaterThan(0)
      expect(flushes.every((f) => f.state.settled && !f.state.rejected)).toBe(true)
      expect(h.scheduler.hasUnsavedChanges).toBe(false)
    }
  })

  it('flush rejects when the save fails, and the edits stay scheduled for a retry', async () => {
    const h = harness()
    h.plan.failures = 1
    h.scheduler.schedule()
    await expect(h.scheduler.flush()).rejects.toThrow('disk full')
    expect(h.errors.map((e) => e.attempt)).toEqual([1])
    expect(h.scheduler.hasUnsavedChanges).toBe(true)
    await vi.advanceTimersByTimeAsync(500)
    expect(h.starts).toEqual([0, 500])
    expect(h.scheduler.hasUnsavedChanges).toBe(false)
  })

  it('stops saving on its own after dispose (flush still works)', async () => {
    const h = harness()
    h.scheduler.schedule()
    h.scheduler.dispose()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(h.starts).toEqual([])
    await h.scheduler.flush()
    expect(h.starts).toEqual([10_000])
  })
})
