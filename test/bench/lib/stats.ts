/** p50 and p99 (nearest rank) of one sample set, sorting it once; NaN for no samples. */
export function p50p99(values: ArrayLike<number>): { p50: number; p99: number; max: number; count: number } {
  if (values.length === 0) return { p50: Number.NaN, p99: Number.NaN, max: Number.NaN, count: 0 }
  const sorted = Float64Array.from(values as ArrayLike<number>).sort()
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
  return { p50: at(50), p99: at(99), max: sorted[sorted.length - 1]!, count: sorted.length }
}

/**
 * Milliseconds on CLOCK_MONOTONIC, which every process on the machine shares: a time taken in one
 * client process can be compared with a time taken in another.
 */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
