import { type BenchResult, atMost, info, onCurve } from '../lib/results'
import { buildComments } from '../lib/comments'
import { demoState } from '../lib/drafts'
import { cpuPercent, sampleProcess } from '../lib/procStats'
import { startAccord } from '../lib/servers'
import { p50p99 } from '../lib/stats'
import { timedGet } from '../lib/timedGet'
import { Worker } from '../lib/workers'
import { BenchWorkspace } from '../lib/workspace'
import { KINDS, type MixOutcome, type MixPlan } from './commentsMix.worker'
import type { ScenarioOptions } from './types'

const WORKER = new URL('./commentsMix.worker.ts', import.meta.url).pathname
export const COMMENT_COUNTS = [100, 1000, 10_000] as const
const USERS = 50
const CHAIRS = 5
const PAGE_SIZE = 50
/** Words of the demo draft that POSTed comments quote (anchored by quote, as scripts do). */
const QUOTES = ['electronic filing', 'data quality', 'business continuity', 'security awareness', 'legacy formats', 'digital identity']
/** The chart these figures are drawn in (README). */
const CURVE = 'Comment list: one GET by number of comments'
const ORGS = ['AU', 'DE', 'LT', 'MX', 'MZ', 'NG', 'NO', 'EPO', 'JP']

interface SizeRun {
  count: number
  fullMs: number
  fullKiB: number
  pageMs: number
  mix: (MixOutcome & { serverCpu: number; clientCpu: number; loopP99: number; loopMax: number; wallMs: number }) | null
}

async function runSize(count: number, mixMs: number | null): Promise<SizeRun> {
  const ws = await BenchWorkspace.create()
  const state = demoState()
  const chairs = await Promise.all(Array.from({ length: CHAIRS }, (_, i) => ws.person('chair', 'WIPO', `Chair ${i}`)))
  const commenters = await Promise.all(Array.from({ length: USERS - CHAIRS }, (_, i) => ws.person('commenter', ORGS[i % ORGS.length]!, `Delegate ${i}`)))
  const draftId = await ws.draft('Comments at scale', state)
  await ws.comments(draftId, buildComments(draftId, state, { count, authors: commenters.map((c) => c.participant) }))
  await ws.close()
  const server = await startAccord(ws.dataDir, { rateLimit: true })
  const client = new Worker(WORKER, 'comments-mix')
  try {
    const url = `${server.httpUrl}/api/documents/${draftId}/comments`
    const token = commenters[0]!.token
    const full = await timedGet(url, token, 15)
    const page = await timedGet(`${url}?limit=${PAGE_SIZE}`, token, 15)
    let mix: SizeRun['mix'] = null
    if (mixMs !== null) {
      const plan: MixPlan = {
        baseUrl: server.httpUrl,
        documentId: draftId,
        users: [...chairs.map((c) => ({ token: c.token, chair: true })), ...commenters.map((c) => ({ token: c.token, chair: false }))],
        pageSize: PAGE_SIZE,
        pagesPerVisit: 3,
        thinkMs: [200, 800],
        durationMs: mixMs,
        quotes: QUOTES,
        seed: 18,
      }
      await server.resetLoopDelay()
      const before = [sampleProcess(server.pid), sampleProcess(client.pid)]
      const t0 = Date.now()
      const outcome = await client.call<MixOutcome>('mix', plan)
      const wallMs = Date.now() - t0
      const [serverCpu, clientCpu] = [server.pid, client.pid].map((pid, i) => cpuPercent(before[i]!, sampleProcess(pid), wallMs))
      const loop = (await server.stats())!.loopDelay
      mix = { ...outcome, serverCpu: serverCpu!, clientCpu: clientCpu!, loopP99: loop.p99, loopMax: loop.max, wallMs }
    }
    return { count, fullMs: full.ms, fullKiB: full.body.length / 1024, pageMs: page.ms, mix }
  } finally {
    await client.stop()
    await server.stop()
    ws.remove()
  }
}

/**
 * 4. comments at scale (issue 18): 50 people on a draft with 10,000 comments, each opening the draft (the
 * first page of 50 comments), reading 3 more pages and then commenting, replying or (chairs) deciding,
 * 200–800 ms between requests; every request's latency and the server's event-loop delay. The cost curve:
 * the full list and the first page, one request at a time, at 100, 1,000 and 10,000 comments.
 */
export async function commentsMix({ quick }: ScenarioOptions): Promise<BenchResult[]> {
  const runs: SizeRun[] = []
  for (const count of COMMENT_COUNTS) runs.push(await runSize(count, count === 10_000 ? (quick ? 8000 : 30_000) : null))
  const big = runs.at(-1)!
  const mix = big.mix!
  const all = p50p99(KINDS.flatMap((k) => mix.latencies[k]))
  const perKind = KINDS.map((k) => {
    const s = p50p99(mix.latencies[k])
    return `${k} ${s.count}× p50 ${s.p50.toFixed(1)} / p99 ${s.p99.toFixed(1)} ms`
  }).join('; ')
  const errors = (mix.retried > 0 ? `; ${mix.retried} sent again after a kept-alive socket closed` : '') + (mix.errors.length > 0 ? `; errors: ${mix.errors.join(' | ')}` : '')
  return [
    info('comments mix: request latency p50 (10,000 comments, 50 users)', all.p50, 'ms'),
    atMost(
      'comments mix: request latency p99 (10,000 comments, 50 users)',
      all.p99,
      'ms',
      20,
      '≤ 20 ms',
      null,
      `${all.count} requests in ${(mix.wallMs / 1000).toFixed(0)} s (${((all.count / mix.wallMs) * 1000).toFixed(0)}/s): ${perKind}; server ${mix.serverCpu.toFixed(0)}% of a core, load generator ${mix.clientCpu.toFixed(0)}%${errors}`,
    ),
    atMost('comments mix: server event-loop delay p99', mix.loopP99, 'ms', 20, '≤ 20 ms', null, `max ${mix.loopMax.toFixed(0)} ms`),
    ...runs.map((r) =>
      onCurve(info(`comments curve: full list, ${r.count.toLocaleString('en')} comments`, r.fullMs, 'ms', null, `${r.fullKiB.toFixed(0)} KiB of JSON; median of 15, one at a time`), CURVE, 'full list', r.count),
    ),
    ...runs.map((r) =>
      onCurve(info(`comments curve: first page of ${PAGE_SIZE}, ${r.count.toLocaleString('en')} comments`, r.pageMs, 'ms', r.fullMs, 'baseline: the full list; median of 15, one at a time'), CURVE, `first page (${PAGE_SIZE})`, r.count),
    ),
  ]
}
