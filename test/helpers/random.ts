/** A small seeded PRNG (mulberry32) so randomized tests can print and replay their seed. */
export function seededRandom(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    /** Integer in [min, max]. */
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  }
}

export type Random = ReturnType<typeof seededRandom>

/**
 * Seeds for a randomized test: SEED=n replays one; RANDOM_SEEDS=1 explores `count` new seeds derived
 * from the time; otherwise the fixed seeds 1…count, so CI runs the same scenarios every time.
 */
export function seedsToRun(count: number): number[] {
  if (process.env.SEED) return [Number(process.env.SEED)]
  const base = process.env.RANDOM_SEEDS ? Date.now() % 1_000_000 : 1
  return Array.from({ length: count }, (_, i) => base + i)
}
