import { useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import type { Comment } from '../../../shared/types'

/** Vertical gap between stacked threads (px). */
const GAP = 8

interface Props {
  /** Threads to place, in document order, with the y of their passage (px from the editor's top). */
  items: { comment: Comment; top: number }[]
  activeId: string | null
  render: (c: Comment) => ReactNode
}

/**
 * Threads beside their passages: each wants to sit at its passage's height; overlapping ones are pushed
 * down, and the active thread gets its exact place (the ones above it move up to make room).
 */
export function CommentSidebar({ items, activeId, render }: Props) {
  const refs = useRef(new Map<string, HTMLDivElement>())
  const [tops, setTops] = useState<Map<string, number>>(new Map())

  useLayoutEffect(() => {
    const heights = items.map((it) => refs.current.get(it.comment.id)?.offsetHeight ?? 0)
    const placed = items.map((it) => it.top)
    const activeIndex = items.findIndex((it) => it.comment.id === activeId)
    const pivot = activeIndex >= 0 ? activeIndex : 0
    for (let i = pivot + 1; i < items.length; i++) placed[i] = Math.max(placed[i]!, placed[i - 1]! + heights[i - 1]! + GAP)
    for (let i = pivot - 1; i >= 0; i--) placed[i] = Math.min(placed[i]!, placed[i + 1]! - heights[i]! - GAP)
    // Nothing may rise above the top: if it did, push everything down from there.
    for (let i = 0; i < items.length; i++) {
      const floor = i === 0 ? 0 : placed[i - 1]! + heights[i - 1]! + GAP
      if (placed[i]! < floor) placed[i] = floor
    }
    const next = new Map(items.map((it, i) => [it.comment.id, placed[i]!]))
    const same = next.size === tops.size && [...next].every(([k, v]) => tops.get(k) === v)
    if (!same) setTops(next)
  })

  return (
    <div className="comment-sidebar" data-test="comment-sidebar">
      {items.map(({ comment }) => (
        <div
          key={comment.id}
          className="thread-slot"
          style={{ top: tops.get(comment.id) ?? 0 }}
          ref={(el) => {
            if (el) refs.current.set(comment.id, el)
            else refs.current.delete(comment.id)
          }}
        >
          {render(comment)}
        </div>
      ))}
    </div>
  )
}
