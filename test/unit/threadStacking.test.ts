import { describe, expect, it } from 'vitest'
import { THREAD_GAP, stackThreads, threadsInWindow } from '../../client/src/comments/threadStacking'

describe('threads beside the text', () => {
  it('each sits at its passage unless the one above is in the way, then just below it', () => {
    expect(stackThreads([0, 10, 500], [100, 100, 100], -1)).toEqual([0, 100 + THREAD_GAP, 500])
  })

  it('the active thread gets its exact place; those above move up, never above the top', () => {
    const placed = stackThreads([100, 110, 120], [50, 50, 50], 2)
    expect(placed).toEqual([120 - 2 * (50 + THREAD_GAP), 120 - 50 - THREAD_GAP, 120])
    // Where there is no room above, the active one is pushed down after all.
    expect(stackThreads([0, 5], [80, 80], 1)).toEqual([0, 80 + THREAD_GAP])
  })

  it('finds the threads that meet a window, including ones that only overlap its edges', () => {
    const placed = [0, 200, 400, 5000]
    const heights = [100, 100, 100, 100]
    expect(threadsInWindow(placed, heights, 150, 450)).toEqual([1, 2])
    expect(threadsInWindow(placed, heights, 4950, 6000)).toEqual([3])
    expect(threadsInWindow(placed, heights, 1000, 2000)).toEqual([])
  })
})
