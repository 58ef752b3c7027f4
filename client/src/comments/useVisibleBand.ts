import { type RefObject, useEffect, useState } from 'react'

/** The part of an element that is in the window, in px from the element's top. */
export interface Band {
  from: number
  to: number
}

const bandOf = (el: HTMLElement | null): Band => {
  const top = el?.getBoundingClientRect().top ?? 0
  return { from: -top, to: -top + window.innerHeight }
}

/**
 * Follows which part of the element is in the window as the page scrolls or resizes (once per frame),
 * rounded to `step` px so that scrolling re-renders only when the band really moved.
 */
export function useVisibleBand(ref: RefObject<HTMLElement | null>, step: number, enabled: boolean): Band {
  const [band, setBand] = useState<Band>({ from: 0, to: window.innerHeight })
  useEffect(() => {
    if (!enabled) return
    let frame = 0
    const update = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => {
        const b = bandOf(ref.current)
        const rounded = { from: Math.floor(b.from / step) * step, to: Math.ceil(b.to / step) * step }
        setBand((old) => (old.from === rounded.from && old.to === rounded.to ? old : rounded))
      })
    }
    update()
    window.addEventListener('scroll', update, { passive: true })
    window.addEventListener('resize', update)
    return () => {
      cancelAnimationFrame(frame)
      window.removeEventListener('scroll', update)
      window.removeEventListener('resize', update)
    }
  }, [ref, step, enabled])
  return band
}
