/**
 * Installed in the page before any of its scripts: input-to-paint per keystroke (from the key event's
 * timestamp to just after the next frame was produced: a task posted from requestAnimationFrame runs
 * after that frame's paint) and every long task (PerformanceObserver 'longtask').
 */
export function installProbe(): void {
  const bench = { inputToPaint: [] as number[], longTasks: [] as { start: number; duration: number }[] }
  ;(window as unknown as { __bench: typeof bench }).__bench = bench
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration })
  }).observe({ type: 'longtask', buffered: true })
  document.addEventListener(
    'keydown',
    (event) => {
      const t0 = event.timeStamp
      requestAnimationFrame(() => {
        const channel = new MessageChannel()
        channel.port1.onmessage = () => bench.inputToPaint.push(performance.now() - t0)
        channel.port2.postMessage(null)
      })
    },
    true,
  )
}

export interface ProbeData {
  inputToPaint: number[]
  longTasks: { start: number; duration: number }[]
}
