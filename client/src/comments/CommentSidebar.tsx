import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { Comment } from '../../../shared/types'
import { stackThreads, threadsInWindow } from './threadStacking'
import { useVisibleBand } from './useVisibleBand'
import { scrollIntoPlace } from '../ui/scrollIntoPlace'
import { useMediaQuery } from '../ui/useMediaQuery'

/**
 * Up to this many threads all are rendered; beyond it only those near the window are (a long draft may
 * carry thousands of comments, whose threads were most of the page's elements and slowed every keystroke).
 */
const RENDER_ALL_UP_TO = 150
/** How far beyond the window threads are still rendered (px), so that scrolling finds them drawn. */
const OVERSCAN_PX = 1500
/** The height assumed for a thread not yet rendered (px); corrected once it has been. */
const ESTIMATED_HEIGHT = 120
/** Scrolling re-renders the sidebar when the window has moved this far (px). */
const SCROLL_STEP_PX = 200
/** Below this width the threads are listed under the draft instead of beside it (matches editor.css). */
const STACKED_LAYOUT_QUERY = '(max-width: 800px)'

interface Props {
  /** Threads to place, in document order, with the y of their passage (px from the editor's top). */
  items: { comment: Comment; top: number }[]
  activeId: string | null
  /**
   * A thread to bring into view (a new object for each request): its passage was tapped, or (`focus`) the
   * keyboard asked for the comment on the words at the caret, which then gets the focus in either layout.
   */
  reveal: { id: string; focus?: boolean } | null
  render: (c: Comment) => ReactNode
}

/** Measured heights of the rendered threads; a change of any (a reply form opening) re-places the rest. */
function useThreadHeights() {
  const slots = useRef(new Map<string, HTMLDivElement>())
  // A new map whenever a height changed, so what is computed from the heights knows when to recompute.
  const [heights, setHeights] = useState<ReadonlyMap<string, number>>(() => new Map())
  const measure = useCallback(() => {
    const measured = [...slots.current].map(([id, el]) => [id, el.offsetHeight] as const)
    setHeights((known) => {
      let next: Map<string, number> | null = null
      for (const [id, h] of measured) if (known.get(id) !== h) (next ??= new Map(known)).set(id, h)
      return next ?? known
    })
  }, [])
  const observer = useMemo(() => (typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure)), [measure])
  useEffect(() => () => observer?.disconnect(), [observer])
  // One callback per thread for the whole time it is shown: a new one each render would detach and
  // re-attach (and re-observe, and re-measure) every slot on every render.
  const callbacks = useRef(new Map<string, (el: HTMLDivElement | null) => void>())
  const slotRef = (id: string) => {
    let callback = callbacks.current.get(id)
    if (!callback) {
      callback = (el) => {
        const old = slots.current.get(id)
        if (old) observer?.unobserve(old)
        if (el) {
          slots.current.set(id, el)
          observer?.observe(el)
        } else {
          slots.current.delete(id)
          callbacks.current.delete(id)
        }
      }
      callbacks.current.set(id, callback)
    }
    return callback
  }
  const slotOf = useCallback((id: string) => slots.current.get(id), [])
  return { heights, measure, slotRef, slotOf }
}

/**
 * Threads beside their passages (in narrow windows, listed under the draft in document order): each wants
 * to sit at its passage's height; overlapping ones are pushed down, and the active thread gets its exact
 * place (the ones above it move up to make room).
 */
export function CommentSidebar({ items, activeId, reveal, render }: Props) {
  const containerRef = useRef<HTMLDivElement>(null)
  const stacked = useMediaQuery(STACKED_LAYOUT_QUERY)
  const virtual = !stacked && items.length > RENDER_ALL_UP_TO
  const band = useVisibleBand(containerRef, SCROLL_STEP_PX, virtual)
  const { heights, measure, slotRef, slotOf } = useThreadHeights()

  const sizes = useMemo(() => items.map((it) => heights.get(it.comment.id) ?? ESTIMATED_HEIGHT), [items, heights])
  const activeIndex = items.findIndex((it) => it.comment.id === activeId)
  const placed = useMemo(() => stackThreads(items.map((it) => it.top), sizes, activeIndex), [items, sizes, activeIndex])
  const shown = useMemo(() => {
    if (!virtual) return items.map((_, i) => i)
    const near = threadsInWindow(placed, sizes, band.from - OVERSCAN_PX, band.to + OVERSCAN_PX)
    if (activeIndex >= 0 && !near.includes(activeIndex)) near.push(activeIndex)
    return near
  }, [virtual, items, placed, sizes, band, activeIndex])

  // Measure threads that just appeared before they are painted, so they do not visibly jump into place;
  // later size changes come through the ResizeObserver.
  useLayoutEffect(measure, [measure, shown])

  // Beside the text the active thread already sits at its passage; listed under the draft, it is far
  // below it: go there, and put the keyboard (and a screen reader) on it.
  useEffect(() => {
    if (!reveal || (!stacked && !reveal.focus)) return
    const thread = slotOf(reveal.id)?.firstElementChild
    if (!(thread instanceof HTMLElement)) return
    thread.focus({ preventScroll: true })
    if (stacked) return scrollIntoPlace(thread)
    thread.scrollIntoView({ block: 'nearest' })
    return undefined
  }, [reveal, stacked, slotOf])

  const last = items.length - 1
  const height = last >= 0 ? placed[last]! + sizes[last]! : 0
  return (
    <div className={`comment-sidebar${stacked ? ' stacked' : ''}`} data-test="comment-sidebar" ref={containerRef} style={stacked ? undefined : { height }}>
      {shown.map((i) => {
        const { comment } = items[i]!
        return (
          <div key={comment.id} className="thread-slot" style={stacked ? undefined : { top: placed[i] }} ref={slotRef(comment.id)}>
            {render(comment)}
          </div>
        )
      })}
    </div>
  )
}
