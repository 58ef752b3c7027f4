/**
 * A token bucket: `burst` tokens, refilled at `perSecond`. `take()` is false once the bucket is empty.
 * Time comes from the caller's clock so tests can drive it.
 */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst
    this.last = now()
  }

  take(count = 1): boolean {
    const t = this.now()
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond)
    this.last = t
    if (this.tokens < count) return false
    this.tokens -= count
    return true
  }
}

/** A limit per key (a client address): `take` is false once the key's budget is spent. */
export interface KeyLimiter {
  take(key: string): boolean | Promise<boolean>
}

/** Token buckets per key (e.g. per IP), forgetting keys that have been idle long enough to be full. */
export class KeyedRateLimiter implements KeyLimiter {
  private readonly buckets = new Map<string, { bucket: TokenBucket; seen: number }>()

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): boolean {
    const t = this.now()
    if (this.buckets.size > 10_000) this.sweep(t)
    let entry = this.buckets.get(key)
    if (!entry) this.buckets.set(key, (entry = { bucket: new TokenBucket(this.burst, this.perSecond, this.now), seen: t }))
    entry.seen = t
    return entry.bucket.take()
  }

  private sweep(t: number): void {
    const idleMs = (this.burst / this.perSecond) * 1000
    for (const [key, entry] of this.buckets) if (t - entry.seen > idleMs) this.buckets.delete(key)
  }
}
