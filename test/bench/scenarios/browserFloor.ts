import type { BrowserContext } from 'playwright-core'
import { launchBrowser, newPersonContext } from '../../helpers/browser'
import { type BenchResult, atMost, info, onCurve, requiring } from '../lib/results'
import { openBaseline } from '../lib/baselinePages'
import { type Burst, LONG_TASK_LIMIT_MS, type Typing, navigateToEditable, remoteBurst, typeAndMeasure } from '../lib/browserDraft'
import { buildComments } from '../lib/comments'
import { CHARS_PER_PAGE, grownDemoContent } from '../lib/drafts'
import { installProbe } from '../lib/pageProbe'
import { startAccord } from '../lib/servers'
import { Worker } from '../lib/workers'
import { BenchWorkspace } from '../lib/workspace'
import { draftStateFromJson } from '../../../server/documents/draftState'
import type { ScenarioOptions } from './types'

const WORKER = new URL('./fanOut.worker.ts', import.meta.url).pathname
export const PAGE_SIZES = [5, 50, 200] as const
/** Comments per page (2,000 on 200 pages, as in the browser scenario), a quarter of them on the text in view. */
const COMMENTS_PER_PAGE = 10
const IN_VIEW_CHARS = 900
const BURST_EDITORS = 10
const BURST_EDITS = 100
/** Accord's keystroke may cost at most this much more than the bare contenteditable's (issue 18). */
const FLOOR_FACTOR = 1.2

interface SizeRun {
  pages: number
  chars: number
  accord: Typing
  bare: Typing
  tiptap: Typing
  navigationMs: number
  burst: Burst | null
}

/** Accord at `pages` pages: navigation to editable, typing, and (at 5 and 50 pages) a remote burst. */
async function accordAt(context: BrowserContext, pages: number, keystrokes: number, quick: boolean): Promise<Pick<SizeRun, 'accord' | 'navigationMs' | 'burst' | 'chars'>> {
  const { content, chars } = grownDemoContent(pages)
  const state = draftStateFromJson(content)
  const ws = await BenchWorkspace.create()
  const me = await ws.person('editor', 'WIPO', 'Bench Editor')
  const remote = await ws.person('editor', 'NO', 'Remote Editor')
  const authors = await Promise.all(['AU', 'DE', 'LT', 'MX', 'NG', 'EPO'].map((org) => ws.person('commenter', org)))
  const draftId = await ws.draft(`${pages} pages`, state)
  const count = pages * COMMENTS_PER_PAGE
  const seq = new Map<string, number>()
  const people = authors.map((a) => a.participant)
  await ws.comments(draftId, [
    ...buildComments(draftId, state, { count: count / 4, authors: people, withinChars: IN_VIEW_CHARS, seed: 1 }, seq),
    ...buildComments(draftId, state, { count: count - count / 4, authors: people, seed: 2 }, seq),
  ])
  const secret = await ws.invite(me.participant.id)
  await ws.close()
  const server = await startAccord(ws.dataDir, { rateLimit: true })
  const burstWorker = new Worker(WORKER, 'floor-burst')
  const page = await context.newPage()
  try {
    await page.goto(`${server.httpUrl}/signin?next=${encodeURIComponent('/')}#${secret}`)
    await page.waitForURL(`${server.httpUrl}/`)
    const navigationMs = await navigateToEditable(page, `${server.httpUrl}/d/${draftId}`, Math.floor(chars * 0.95))
    // The highlights are drawn after the text: let that settle before typing.
    await page.waitForFunction(() => document.querySelectorAll('[data-test=editor] .comment-mark').length > 0, undefined, { timeout: 120_000 })
    const accord = await typeAndMeasure(page, keystrokes)
    const burst =
      pages <= 50
        ? await remoteBurst(page, burstWorker, { wsUrl: server.wsUrl, room: draftId, token: remote.token }, BURST_EDITORS, BURST_EDITS, quick ? 60_000 : 180_000)
        : null
    return { accord, navigationMs, burst, chars }
  } finally {
    await page.close()
    await burstWorker.stop()
    await server.stop()
    ws.remove()
  }
}

async function baselineAt(context: BrowserContext, kind: 'bare' | 'tiptap', pages: number, keystrokes: number): Promise<Typing> {
  const page = await openBaseline(context, kind, grownDemoContent(pages).content)
  try {
    return await typeAndMeasure(page, keystrokes)
  } finally {
    await page.close()
  }
}

function rows(r: SizeRun): BenchResult[] {
  const label = `browser floor ${r.pages} pages`
  const size = `${r.chars.toLocaleString('en')} characters (${Math.round(r.chars / CHARS_PER_PAGE)} pages), ${r.pages * COMMENTS_PER_PAGE} comments in Accord`
  const typing = 'Typing: keystroke p50 (input to paint)'
  const out: BenchResult[] = [
    onCurve(atMost(
      `${label}: Accord keystroke p50`,
      r.accord.p50,
      'ms',
      FLOOR_FACTOR * r.bare.p50,
      `≤ ${FLOOR_FACTOR}× bare (${(FLOOR_FACTOR * r.bare.p50).toFixed(1)} ms)`,
      r.bare.p50,
      `baseline: a bare contenteditable with the same HTML in the same run; ${size}; plain TipTap p50 ${r.tiptap.p50.toFixed(1)} ms`,
    ), typing, 'Accord', r.pages),
    atMost(
      `${label}: Accord keystroke p99`,
      r.accord.p99,
      'ms',
      FLOOR_FACTOR * r.bare.p99,
      `≤ ${FLOOR_FACTOR}× bare (${(FLOOR_FACTOR * r.bare.p99).toFixed(1)} ms)`,
      r.bare.p99,
      `${r.accord.count} keystrokes at 10/s; longest task while typing: Accord ${r.accord.longestTaskMs.toFixed(0)} ms, bare ${r.bare.longestTaskMs.toFixed(0)} ms, plain TipTap ${r.tiptap.longestTaskMs.toFixed(0)} ms`,
    ),
    onCurve(info(`${label}: plain TipTap keystroke p50`, r.tiptap.p50, 'ms', r.bare.p50, 'baseline: the bare contenteditable'), typing, 'plain TipTap', r.pages),
    onCurve(info(`${label}: bare contenteditable keystroke p50`, r.bare.p50, 'ms'), typing, 'bare contenteditable', r.pages),
    info(`${label}: plain TipTap keystroke p99`, r.tiptap.p99, 'ms', r.bare.p99, 'baseline: the bare contenteditable'),
  ]
  const navigation = r.pages === 200 ? atMost(`${label}: navigation to editable`, r.navigationMs, 'ms', 1500, '≤ 1500 ms') : info(`${label}: navigation to editable`, r.navigationMs, 'ms')
  out.push(onCurve(navigation, 'Opening a draft: navigation to editable', 'Accord', r.pages))
  if (r.burst) {
    const b = r.burst
    out.push(
      requiring(
        atMost(
          `${label}: longest task during a remote burst of ${BURST_EDITORS * BURST_EDITS} edits`,
          b.longestMs,
          'ms',
          LONG_TASK_LIMIT_MS,
          `no long task > ${LONG_TASK_LIMIT_MS} ms`,
          null,
          `${b.over} tasks over ${LONG_TASK_LIMIT_MS} ms; ${b.applied ? 'all' : 'NOT all'} edits shown after ${b.ms} ms`,
        ),
        b.applied,
        'not all edits were shown',
      ),
    )
  }
  return out
}

/**
 * 1. typing at the floor (issue 18): Accord's input-to-paint next to what the browser allows at all, in
 * the same run and the same window size: a bare contenteditable holding the same HTML, and plain TipTap
 * on the same content, at 5, 50 and 200 pages; navigation to editable; a remote burst at 5 and 50 pages.
 */
export async function browserFloor({ quick }: ScenarioOptions): Promise<BenchResult[]> {
  const keystrokes = quick ? 30 : 100
  const { browser, close } = await launchBrowser()
  const runs: SizeRun[] = []
  try {
    for (const pages of PAGE_SIZES) {
      const context = await newPersonContext(browser)
      await context.addInitScript(installProbe)
      try {
        // Baselines first and Accord last at each size, all in one browser: the same machine state.
        const bare = await baselineAt(context, 'bare', pages, keystrokes)
        const tiptap = await baselineAt(context, 'tiptap', pages, keystrokes)
        const accord = await accordAt(context, pages, keystrokes, quick)
        runs.push({ pages, bare, tiptap, ...accord })
      } finally {
        await context.close()
      }
    }
  } finally {
    await close()
  }
  return runs.flatMap(rows)
}
