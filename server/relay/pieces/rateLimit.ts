import { CLOSE_RATE_LIMITED } from '../../../shared/protocol'
import type { RateLimit } from '../../config'
import type { Logger } from '../../logger'
import type { RelayExtension } from '../extensions'
import type { RelayConnection } from '../RelayConnection'

/** One connection's account of relay time. */
interface Budget {
  /** Relay time it may still use now (ms); below zero after a costly message. */
  available: number
  refilledAt: number
  /** Since when it has been held to its share without let-up (null: not held). */
  heldSince: number | null
  /** The event-loop turn its last messages were handled in, and their time in that turn. */
  turn: number
  turnBusyMs: number
}

/**
 * Flow control per connection, in relay time rather than messages: what one message costs depends on the
 * draft (a keystroke is forwarded to 1 reader or to 229), so a message count is either too strict for a
 * fast client on a small draft or too loose on a large one. A connection may use `burstMs` of relay
 * time at once and `share` of it sustained; beyond that its socket is read more slowly (reading pauses
 * until its account refills, and TCP flow control slows the sender) instead of being closed, so a fast
 * but legitimate client (a paste, a replay, a reconnect with many edits) is delayed, never dropped. Within
 * one event-loop turn a connection is handled for at most `sliceMs` before the others get their turn.
 * Only a connection held to its share without let-up (a quarter of its burst back) for `floodCloseMs` is
 * closed: no person's typing keeps the relay that busy for that long.
 */
export function rateLimit(limit: RateLimit, logger: Logger, now: () => number = () => performance.now()): RelayExtension {
  const budgets = new WeakMap<RelayConnection, Budget>()
  // Event-loop turns, counted lazily: the counter moves on once the turn in which it was read is over.
  let turn = 0
  let turnEnding = false
  const currentTurn = () => {
    if (!turnEnding) {
      turnEnding = true
      setImmediate(() => {
        turn++
        turnEnding = false
      })
    }
    return turn
  }
  // A connection waits until it can use a whole slice again, so that it is not woken for one message at a time.
  const resumeLevel = limit.sliceMs
  return {
    name: 'flow control',
    onConnect: (conn) => void budgets.set(conn, { available: limit.burstMs, refilledAt: now(), heldSince: null, turn: -1, turnBusyMs: 0 }),
    admit(conn) {
      const b = budgets.get(conn)
      if (!b) return undefined
      const t = now()
      b.available = Math.min(limit.burstMs, b.available + (t - b.refilledAt) * limit.share)
      b.refilledAt = t
      // Held back, it let up only once a quarter of its burst came back (1.25 s well below its share by
      // default): a sender that pauses for a moment between floods is still flooding.
      if (b.heldSince !== null && b.available >= limit.burstMs / 4) b.heldSince = null
      if (b.available <= 0) {
        b.heldSince ??= t
        if (t - b.heldSince >= limit.floodCloseMs) {
          logger.warn('connection closed: flooding', { document: conn.room.id, participant: conn.participant.id })
          return {
            close: CLOSE_RATE_LIMITED,
            reason: `Too many messages: over ${Math.round(limit.share * 100)}% of the relay's time for ${limit.floodCloseMs / 1000} s.`,
          }
        }
        return { waitMs: (resumeLevel - b.available) / limit.share }
      }
      if (b.turn === currentTurn() && b.turnBusyMs >= limit.sliceMs) return { waitMs: 0 }
      return undefined
    },
    afterMessage(conn, busyMs) {
      const b = budgets.get(conn)
      if (!b) return
      b.available -= busyMs
      const current = currentTurn()
      if (b.turn !== current) {
        b.turn = current
        b.turnBusyMs = 0
      }
      b.turnBusyMs += busyMs
    },
  }
}
