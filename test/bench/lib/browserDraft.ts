import type { Page } from 'playwright-core'
import { sel } from '../../helpers/selectors'
import type { ClientSpec } from '../scenarios/fanOut.worker'
import type { ProbeData } from './pageProbe'
import { p50p99, sleep } from './stats'
import type { Worker } from './workers'

/** Steps of the browser benchmarks shared by its scenarios: open a draft, type, take a remote burst. */

export const LONG_TASK_LIMIT_MS = 50

export const probe = (page: Page) => page.evaluate(() => (window as unknown as { __bench: ProbeData }).__bench)

/** Forgets what the probe recorded so far (keystrokes and long tasks). */
export const resetProbe = (page: Page) =>
  page.evaluate(() => {
    const b = (window as unknown as { __bench: ProbeData }).__bench
    b.inputToPaint.length = 0
    b.longTasks.length = 0
  })

/** Milliseconds from navigation start until the draft is shown whole and can be typed in. */
export async function navigateToEditable(page: Page, url: string, minChars: number): Promise<number> {
  await page.goto(url)
  const handle = await page.waitForFunction(
    ({ editor, connection, minChars }) => {
      const el = document.querySelector(editor)
      const ready =
        el?.getAttribute('contenteditable') === 'true' &&
        document.querySelector(connection)?.getAttribute('data-state') === 'connected' &&
        (el.textContent?.length ?? 0) >= minChars
      return ready ? performance.now() : false
    },
    { editor: sel.editor, connection: sel.connectionState, minChars },
    { polling: 'raf', timeout: 120_000 },
  )
  return (await handle.jsonValue()) as number
}

export interface Typing {
  p50: number
  p99: number
  count: number
  longestTaskMs: number
}

/** Waits until the page has had no long task for a second (what loading started is done), at most `maxMs`. */
export async function settle(page: Page, maxMs = 20_000): Promise<void> {
  await page
    .waitForFunction(
      () => {
        const tasks = (window as unknown as { __bench: ProbeData }).__bench.longTasks
        const last = tasks.at(-1)
        return !last || performance.now() - (last.start + last.duration) > 1000
      },
      undefined,
      { timeout: maxMs, polling: 200 },
    )
    .catch(() => undefined)
}

/** Types `keystrokes` characters at a fast typist's pace (10/s) into the first paragraph, once the page settled; input-to-paint of each. */
export async function typeAndMeasure(page: Page, keystrokes: number): Promise<Typing> {
  await settle(page)
  // The first paragraph on screen (print-only notes are paragraphs too).
  await page.locator(`${sel.editor} p:visible`).first().click({ position: { x: 40, y: 8 } })
  await resetProbe(page)
  await page.keyboard.type('a'.repeat(keystrokes), { delay: 100 })
  await sleep(500)
  const typed = await probe(page)
  const { p50, p99, count } = p50p99(typed.inputToPaint)
  return { p50, p99, count, longestTaskMs: Math.max(0, ...typed.longTasks.map((t) => t.duration)) }
}

export interface Burst {
  longestMs: number
  over: number
  applied: boolean
  ms: number
}

/** Remote editors (in `worker`) each send `edits` one-character edits back to back into one paragraph; every long task meanwhile. */
export async function remoteBurst(page: Page, worker: Worker, endpoint: ClientSpec['endpoint'], editors: number, edits: number, timeoutMs: number): Promise<Burst> {
  const clients: ClientSpec[] = Array.from({ length: editors }, () => ({ endpoint, editor: true, textIndex: 1 }))
  await worker.call('connect', { clients })
  await sleep(1000)
  const before = await page.evaluate((s) => document.querySelector(s)?.textContent?.length ?? 0, sel.editor)
  await resetProbe(page)
  const t0 = Date.now()
  await worker.call('burst', { edits })
  let applied = true
  await page
    .waitForFunction(({ s, n }) => (document.querySelector(s)?.textContent?.length ?? 0) >= n, { s: sel.editor, n: before + editors * edits }, { timeout: timeoutMs, polling: 100 })
    .catch(() => {
      applied = false
    })
  const ms = Date.now() - t0
  await sleep(300)
  const longTasks = (await probe(page)).longTasks
  await worker.call('close')
  return { longestMs: Math.max(0, ...longTasks.map((t) => t.duration)), over: longTasks.filter((t) => t.duration > LONG_TASK_LIMIT_MS).length, applied, ms }
}
