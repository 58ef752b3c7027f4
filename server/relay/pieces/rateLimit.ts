import { CLOSE_RATE_LIMITED } from '../../../shared/protocol'
import type { RateLimit } from '../../config'
import type { Logger } from '../../logger'
import { TokenBucket } from '../../util/TokenBucket'
import type { RelayExtension } from '../extensions'
import type { RelayConnection } from '../RelayConnection'

/** A flood limit per connection: a token bucket of messages; a connection that empties it is closed. */
export function rateLimit(limit: RateLimit, logger: Logger): RelayExtension {
  const buckets = new WeakMap<RelayConnection, TokenBucket>()
  return {
    name: 'rate limit',
    onConnect: (conn) => void buckets.set(conn, new TokenBucket(limit.burst, limit.perSecond)),
    onMessage(conn) {
      if (buckets.get(conn)?.take() !== false) return undefined
      logger.warn('connection closed: rate limit', { document: conn.room.id, participant: conn.participant.id })
      return { close: CLOSE_RATE_LIMITED, reason: `Too many messages (over ${limit.perSecond}/s sustained); reconnecting.` }
    },
  }
}
