/** Vertical gap between stacked threads (px). */
export const THREAD_GAP = 8

/**
 * Where each thread goes: each wants to sit at its passage's height (`wanted`, in document order);
 * overlapping ones are pushed down, and the pivot (the active thread) gets its exact place, the ones
 * above it moving up to make room. Nothing rises above 0.
 */
export function stackThreads(wanted: readonly number[], heights: readonly number[], pivot: number): number[] {
  const placed = [...wanted]
  const start = pivot >= 0 && pivot < placed.length ? pivot : 0
  for (let i = start + 1; i < placed.length; i++) placed[i] = Math.max(placed[i]!, placed[i - 1]! + heights[i - 1]! + THREAD_GAP)
  for (let i = start - 1; i >= 0; i--) placed[i] = Math.min(placed[i]!, placed[i + 1]! - heights[i]! - THREAD_GAP)
  for (let i = 0; i < placed.length; i++) {
    const floor = i === 0 ? 0 : placed[i - 1]! + heights[i - 1]! + THREAD_GAP
    if (placed[i]! < floor) placed[i] = floor
  }
  return placed
}

/** Indexes of the threads whose box [top, top + height] meets the window [from, to]. */
export function threadsInWindow(placed: readonly number[], heights: readonly number[], from: number, to: number): number[] {
  const out: number[] = []
  for (let i = 0; i < placed.length; i++) if (placed[i]! + heights[i]! >= from && placed[i]! <= to) out.push(i)
  return out
}
