/** How long a scroll keeps its element in place while the page settles around it (frames). */
const SETTLE_FRAMES = 40

/**
 * Scrolls `el` to the top of the window in one jump, and keeps it there while blocks of the draft that
 * come into view are drawn for the first time (content-visibility: auto, editor.css) and grow from their
 * estimated height, which pushes everything after them down. Stops early when the person scrolls.
 * Returns a function that stops it.
 */
export function scrollIntoPlace(el: HTMLElement): () => void {
  el.scrollIntoView({ block: 'start' })
  let expectedY = window.scrollY
  let frame = 0
  let left = SETTLE_FRAMES
  const settle = () => {
    if (window.scrollY !== expectedY || left-- <= 0) return
    el.scrollIntoView({ block: 'start' })
    expectedY = window.scrollY
    frame = requestAnimationFrame(settle)
  }
  frame = requestAnimationFrame(settle)
  return () => cancelAnimationFrame(frame)
}
