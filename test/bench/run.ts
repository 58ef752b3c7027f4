import { mkdirSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { type BenchResult, failed, markdownTable } from './lib/results'
import { ensureClientBuilt } from './lib/clientBuild'
import { costCurvesSvg } from './lib/costCurves'
import { browser } from './scenarios/browser'
import { comments } from './scenarios/comments'
import { fanOut } from './scenarios/fanOut'
import { memory } from './scenarios/memory'
import { redline } from './scenarios/redline'
import { scale } from './scenarios/scale'
import { traceReplay } from './scenarios/traceReplay'
// Issue 18 (performance at the floor): scenarios of its own, kept apart from the ones above.
import { concurrentReplay } from './scenarios/concurrentReplay'
import { commentsMix } from './scenarios/commentsMix'
import { rawFanOut } from './scenarios/rawFanOut'
import { browserFloor } from './scenarios/browserFloor'
import type { ScenarioOptions } from './scenarios/types'

/**
 * `npm run bench [-- --quick] [-- --only=name,name]`: runs every scenario of issue 6, prints the table
 * and writes test/bench/results/latest.json. Not a test: it measures and reports against the targets.
 */
const SCENARIOS: Record<string, (o: ScenarioOptions) => Promise<BenchResult[]>> = {
  'trace-replay': traceReplay,
  'fan-out': fanOut,
  comments,
  browser,
  memory,
  redline,
  // Issue 18
  'concurrent-replay': concurrentReplay,
  'comments-mix': commentsMix,
  'raw-fan-out': rawFanOut,
  'browser-floor': browserFloor,
  // Issue 19 (needs PostgreSQL and redis-server; also alone as npm run bench:scale)
  scale,
}

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',')
const started = Date.now()
const results: BenchResult[] = []
if (!only || only.includes('browser') || only.includes('browser-floor')) await ensureClientBuilt()
for (const [name, run] of Object.entries(SCENARIOS)) {
  if (only && !only.includes(name)) continue
  const t = Date.now()
  process.stdout.write(`▶ ${name}${quick ? ' (quick)' : ''}…\n`)
  try {
    results.push(...(await run({ quick })))
  } catch (err) {
    results.push(failed(name, err))
  }
  // Other work on the machine (the two cores may be shared) moves every latency: say how busy it was.
  process.stdout.write(`  ${name} took ${((Date.now() - t) / 1000).toFixed(1)} s; load average ${loadavg()[0]!.toFixed(1)} (2 cores)\n`)
}
// Issue order: the persistence figures come out of the fan-out and comments scenarios.
const ORDER = ['trace-replay', 'fan-out', 'comments', 'persistence', 'browser', 'memory', 'redline', 'browser floor', 'fan-out (raw', 'backpressure', 'comments mix', 'comments curve', 'scale']
const rank = (r: BenchResult) => ORDER.findIndex((prefix) => r.name.startsWith(prefix))
results.sort((a, b) => rank(a) - rank(b))
const dir = join(import.meta.dirname, 'results')
mkdirSync(dir, { recursive: true })
writeFileSync(join(dir, 'latest.json'), JSON.stringify(results, null, 2) + '\n')
// Issue 18: the cost curves (README shows them); only a full run of every scenario replaces the committed chart.
const complete = !quick && !only
const svg = costCurvesSvg(results, `Cost by size (${complete ? 'full' : 'partial'} run ${new Date().toISOString().slice(0, 10)}; sizes on a log scale)`)
if (svg) writeFileSync(complete ? join(import.meta.dirname, 'cost-curves.svg') : join(dir, 'cost-curves.svg'), svg + '\n')
process.stdout.write(`\n${markdownTable(results)}\n\n${quick ? 'Quick run' : 'Full run'} in ${((Date.now() - started) / 1000).toFixed(0)} s; written to test/bench/results/latest.json\n`)
const misses = results.filter((r) => r.pass === false).length
if (misses > 0) process.stdout.write(`${misses} figure(s) miss their target (see the table).\n`)
process.exit(0)
