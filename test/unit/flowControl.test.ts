import { describe, expect, it } from 'vitest'
import { CLOSE_RATE_LIMITED } from '../../shared/protocol'
import { silentLogger } from '../../server/logger'
import type { Admission } from '../../server/relay/extensions'
import { rateLimit } from '../../server/relay/pieces/rateLimit'
import type { RelayConnection } from '../../server/relay/RelayConnection'

/** The flow-control piece alone, on a clock the test moves: how long it holds a connection back, and when it closes one. */

const LIMIT = { share: 0.2, burstMs: 100, sliceMs: 5, floodCloseMs: 2000 }
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

function setup() {
  let t = 0
  const piece = rateLimit(LIMIT, silentLogger, () => t)
  const conn = { room: { id: 'd' }, participant: { id: 'p' } } as unknown as RelayConnection
  piece.onConnect!(conn)
  return {
    advance: (ms: number) => void (t += ms),
    admit: (): Admission => piece.admit!(conn),
    /** Handles one message of `ms` relay time (admitted or not: the caller checks). */
    spend: (ms: number) => piece.afterMessage!(conn, ms),
  }
}

describe('flow control in relay time', () => {
  it('reads a connection at once while it is within its burst, then holds it back until it can use a slice again', async () => {
    const c = setup()
    let handled = 0
    // 1 ms messages across turns (so the per-turn slice does not interfere): 100 fit in the burst.
    while (c.admit() === undefined) {
      c.spend(1)
      handled++
      if (handled % 4 === 0) await nextTurn()
    }
    expect(handled).toBe(LIMIT.burstMs)
    const wait = c.admit()
    // Back to one slice of relay time at 20% takes 25 ms.
    expect(wait).toEqual({ waitMs: LIMIT.sliceMs / LIMIT.share })
    c.advance(25)
    expect(c.admit()).toBeUndefined()
  })

  it('gives other connections a turn once a connection used its slice within one turn', async () => {
    const c = setup()
    for (let i = 0; i < 5; i++) {
      expect(c.admit()).toBeUndefined()
      c.spend(1)
    }
    expect(c.admit()).toEqual({ waitMs: 0 })
    await nextTurn()
    expect(c.admit()).toBeUndefined()
  })

  it('never closes a connection that lets up, however often it exceeds its share', async () => {
    const c = setup()
    for (let episode = 0; episode < 20; episode++) {
      // Over the limit: held back on and off for 1.5 s (below floodCloseMs) ...
      for (let ms = 0; ms < 1500; ms += 25) {
        const a = c.admit()
        expect(a && 'close' in a).toBeFalsy()
        if (a === undefined) c.spend(10)
        c.advance(25)
        await nextTurn()
      }
      // ... then quiet for a moment: a quarter of its burst comes back.
      c.advance(LIMIT.burstMs / 4 / LIMIT.share)
    }
  })

  it('closes a connection held back without let-up for floodCloseMs, and not before', async () => {
    const c = setup()
    let elapsed = 0
    let heldFrom: number | null = null
    for (;;) {
      const a = c.admit()
      if (a && 'close' in a) {
        expect(a.close).toBe(CLOSE_RATE_LIMITED)
        break
      }
      if (a === undefined) c.spend(5)
      else heldFrom ??= elapsed
      c.advance(a?.waitMs || 1)
      elapsed += a?.waitMs || 1
      await nextTurn()
      expect(elapsed).toBeLessThan(10_000)
    }
    expect(heldFrom).not.toBeNull()
    expect(elapsed - heldFrom!).toBeGreaterThanOrEqual(LIMIT.floodCloseMs)
    expect(elapsed - heldFrom!).toBeLessThan(LIMIT.floodCloseMs + 100)
  })
})
