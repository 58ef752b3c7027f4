import { writeFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { launchBrowser, newPersonContext } from '../../helpers/browser'
import { sel } from '../../helpers/selectors'
import { type BenchResult, atMost, info, requiring } from '../lib/results'
import { buildComments } from '../lib/comments'
import { CHARS_PER_PAGE, grownDemoContent, grownDemoState } from '../lib/drafts'
import { type ProbeData, installProbe } from '../lib/pageProbe'
import { startAccord } from '../lib/servers'
import { p50p99, sleep } from '../lib/stats'
import { Worker } from '../lib/workers'
import { BenchWorkspace } from '../lib/workspace'
import type { ClientSpec } from './fanOut.worker'
import type { ScenarioOptions } from './types'

const WORKER = new URL('./fanOut.worker.ts', import.meta.url).pathname
const PAGES = 200
const COMMENTS = 2000
/** Comments anchored in the text the window shows first (1400 × 900): the "500 highlights in view". */
const COMMENTS_IN_VIEW = 500
const IN_VIEW_CHARS = 900
const BURST_CLIENTS = 10
const BURST_EDITS = 1000
const LONG_TASK_LIMIT_MS = 50
/** What BENCH_BROWSER_TRACE / BENCH_BURST_TRACE record: the main thread's style, layout and paint work. */
const TRACE_CATEGORIES = ['devtools.timeline', 'blink', 'disabled-by-default-devtools.timeline']

const probe = (page: Page) => page.evaluate(() => (window as unknown as { __bench: ProbeData }).__bench)

/** Milliseconds from navigation start until the draft is shown whole and can be typed in. */
async function navigateToEditable(page: Page, url: string, minChars: number): Promise<number> {
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

/** Comments with a highlight inside the window (nested ones draw several elements, counted once). */
const highlightsInView = (page: Page) =>
  page.evaluate(() => {
    const h = window.innerHeight
    const inView = [...document.querySelectorAll('[data-test=editor] .comment-mark')].filter((el) => {
      const r = el.getBoundingClientRect()
      return r.bottom > 0 && r.top < h
    })
    return new Set(inView.map((el) => el.getAttribute('data-comment-id'))).size
  })

/**
 * 5. browser: the demo draft grown to ~200 pages with 2,000 comments (500 of them on the text in
 * view), in headless Chromium: navigation to editable, input-to-paint per keystroke, and a burst of
 * 1,000 remote edits (10 editors × 100, each edit its own message) watched for long tasks.
 */
export async function browser({ quick }: ScenarioOptions): Promise<BenchResult[]> {
  const keystrokes = quick ? 30 : 100
  const ws = await BenchWorkspace.create()
  const state = grownDemoState(PAGES)
  const { chars } = grownDemoContent(PAGES)
  const me = await ws.person('editor', 'WIPO', 'Bench Editor')
  const remote = await ws.person('editor', 'NO', 'Remote Editor')
  const orgs = ['AU', 'DE', 'LT', 'MX', 'MZ', 'NG', 'NO', 'EPO']
  const authors = await Promise.all(orgs.map((org) => ws.person('commenter', org)))
  const draftId = await ws.draft('Grown demo draft', state)
  const seq = new Map<string, number>()
  const people = authors.map((a) => a.participant)
  const comments = [
    ...buildComments(draftId, state, { count: COMMENTS_IN_VIEW, authors: people, withinChars: IN_VIEW_CHARS, seed: 1 }, seq),
    ...buildComments(draftId, state, { count: COMMENTS - COMMENTS_IN_VIEW, authors: people, seed: 2 }, seq),
  ]
  await ws.comments(draftId, comments)
  const secret = await ws.invite(me.participant.id)
  await ws.close()

  const server = await startAccord(ws.dataDir, { rateLimit: true })
  const { browser: chromium, close } = await launchBrowser()
  const burst = new Worker(WORKER, 'burst')
  try {
    const context = await newPersonContext(chromium)
    await context.addInitScript(installProbe)
    const page = await context.newPage()
    page.on('pageerror', (err) => process.stderr.write(`page error: ${err.message}\n`))
    await page.goto(`${server.httpUrl}/signin?next=${encodeURIComponent('/')}#${secret}`)
    await page.waitForURL(`${server.httpUrl}/`)

    const editableMs = await navigateToEditable(page, `${server.httpUrl}/d/${draftId}`, Math.floor(chars * 0.95))
    await page.waitForFunction((n) => document.querySelectorAll('[data-test=editor] .comment-mark').length >= n, COMMENTS_IN_VIEW / 2, {
      timeout: 120_000,
    })
    const highlightsMs = await page.evaluate(() => performance.now())
    await sleep(1000)
    const inView = await highlightsInView(page)

    // Typing inside the commented passage at the top, at a fast typist's pace.
    await page.click(`${sel.editor} p`, { position: { x: 40, y: 8 } })
    await page.evaluate(() => {
      ;(window as unknown as { __bench: ProbeData }).__bench.inputToPaint.length = 0
      ;(window as unknown as { __bench: ProbeData }).__bench.longTasks.length = 0
    })
    const cdp = process.env.BENCH_BROWSER_PROF ? await context.newCDPSession(page) : null
    if (cdp) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'))
    if (process.env.BENCH_BROWSER_TRACE) await chromium.startTracing(page, { path: process.env.BENCH_BROWSER_TRACE, categories: TRACE_CATEGORIES })
    await page.keyboard.type('a'.repeat(keystrokes), { delay: 100 })
    if (process.env.BENCH_BROWSER_TRACE) await chromium.stopTracing()
    // BENCH_BROWSER_PROF=<file>: a CPU profile of the page while typing (chrome://inspect opens it).
    if (cdp) writeFileSync(process.env.BENCH_BROWSER_PROF!, JSON.stringify((await cdp.send('Profiler.stop')).profile))
    await sleep(500)
    const typed = await probe(page)
    const keys = p50p99(typed.inputToPaint)
    const typingLongest = Math.max(0, ...typed.longTasks.map((t) => t.duration))

    // The remote burst: 10 editors elsewhere each send 100 edits back to back into the same paragraph.
    const clients: ClientSpec[] = Array.from({ length: BURST_CLIENTS }, () => ({
      endpoint: { wsUrl: server.wsUrl, room: draftId, token: remote.token },
      editor: true,
      textIndex: 1,
    }))
    await burst.call('connect', { clients })
    await sleep(1000)
    const before = await page.evaluate((s) => document.querySelector(s)?.textContent?.length ?? 0, sel.editor)
    await page.evaluate(() => {
      ;(window as unknown as { __bench: ProbeData }).__bench.longTasks.length = 0
    })
    const burstCdp = process.env.BENCH_BURST_PROF ? await context.newCDPSession(page) : null
    if (burstCdp) await burstCdp.send('Profiler.enable').then(() => burstCdp.send('Profiler.start'))
    if (process.env.BENCH_BURST_TRACE) await chromium.startTracing(page, { path: process.env.BENCH_BURST_TRACE, categories: TRACE_CATEGORIES })
    const t0 = Date.now()
    await burst.call('burst', { edits: BURST_EDITS / BURST_CLIENTS })
    let applied = true
    await page
      .waitForFunction(
        ({ s, n }) => (document.querySelector(s)?.textContent?.length ?? 0) >= n,
        { s: sel.editor, n: before + BURST_EDITS },
        { timeout: quick ? 60_000 : 180_000, polling: 100 },
      )
      .catch(() => {
        applied = false
      })
    const burstMs = Date.now() - t0
    // BENCH_BURST_PROF=<file>: a CPU profile of the page while the remote burst is applied.
    if (process.env.BENCH_BURST_TRACE) await chromium.stopTracing()
    if (burstCdp) writeFileSync(process.env.BENCH_BURST_PROF!, JSON.stringify((await burstCdp.send('Profiler.stop')).profile))
    await sleep(300)
    const longTasks = (await probe(page)).longTasks
    const longest = Math.max(0, ...longTasks.map((t) => t.duration))
    const over = longTasks.filter((t) => t.duration > LONG_TASK_LIMIT_MS).length
    const size = `${Math.round(chars / CHARS_PER_PAGE)} pages (${chars.toLocaleString('en')} characters), ${COMMENTS} comments`
    return [
      atMost('browser: navigation to editable', editableMs, 'ms', 1500, '≤ 1500 ms', null, size),
      info('browser: navigation to highlights drawn', highlightsMs, 'ms'),
      info('browser: input-to-paint per keystroke p50', keys.p50, 'ms'),
      atMost(
        'browser: input-to-paint per keystroke p99',
        keys.p99,
        'ms',
        16,
        '≤ 16 ms',
        null,
        `${keys.count} keystrokes at 10/s with ${inView} highlights in view; longest task while typing ${typingLongest.toFixed(0)} ms`,
      ),
      requiring(atMost(
        'browser: longest task during a remote burst of 1,000 edits',
        longest,
        'ms',
        LONG_TASK_LIMIT_MS,
        `no long task > ${LONG_TASK_LIMIT_MS} ms`,
        null,
        `${over} tasks over ${LONG_TASK_LIMIT_MS} ms; ${applied ? `all edits shown after ${burstMs} ms` : `NOT all edits shown after ${burstMs} ms`}`,
      ), applied, 'not all edits were shown'),
    ]
  } finally {
    await burst.call('close').catch(() => undefined)
    await burst.stop()
    await close()
    await server.stop()
    ws.remove()
  }
}
