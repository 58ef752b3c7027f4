import type pg from 'pg'
import type { KeyLimiter } from '../util/TokenBucket'
import { inTransaction } from '../store/postgres/pool'

/** Rows of keys not seen for this long are deleted now and then (every bucket is full by then). */
const FORGET_AFTER_S = 3600
const SWEEP_EVERY = 500

/**
 * Token buckets per key (a client address) in PostgreSQL, shared by every instance: an attacker spreading
 * sign-in attempts over the instances behind a load balancer gets one budget, not one per instance.
 * Refills are computed from the database's clock.
 */
export class SharedRateLimiter implements KeyLimiter {
  private takes = 0

  constructor(
    private readonly pool: pg.Pool,
    /** Names the limit, so several can share the table. */
    private readonly name: string,
    private readonly burst: number,
    private readonly perSecond: number,
  ) {}

  async take(key: string): Promise<boolean> {
    const id = `${this.name}:${key}`
    if (++this.takes % SWEEP_EVERY === 0) {
      this.pool.query(`DELETE FROM rate_limits WHERE updated_at < now() - $1 * interval '1 second'`, [FORGET_AFTER_S]).catch(() => undefined)
    }
    return inTransaction(this.pool, async (tx) => {
      await tx.query('INSERT INTO rate_limits (key, tokens, updated_at) VALUES ($1, $2, now()) ON CONFLICT (key) DO NOTHING', [id, this.burst])
      const { rows } = await tx.query<{ tokens: number }>(
        'SELECT least($2::float8, tokens + extract(epoch FROM now() - updated_at) * $3::float8) AS tokens FROM rate_limits WHERE key = $1 FOR UPDATE',
        [id, this.burst, this.perSecond],
      )
      const tokens = rows[0]!.tokens
      const allowed = tokens >= 1
      await tx.query('UPDATE rate_limits SET tokens = $2, updated_at = now() WHERE key = $1', [id, allowed ? tokens - 1 : tokens])
      return allowed
    })
  }
}
