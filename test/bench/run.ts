import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type BenchResult, failed, markdownTable } from './lib/results'
import { ensureClientBuilt } from './lib/clientBuild'
import { browser } from './scenarios/browser'
import { comments } from './scenarios/comments'
import { fanOut } from './scenarios/fanOut'
import { memory } from './scenarios/memory'
import { redline } from './scenarios/redline'
import { scale } from './scenarios/scale'
import { traceReplay } from './scenarios/traceReplay'
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
  scale,
}

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',')
const started = Date.now()
const results: BenchResult[] = []
if (!only || only.includes('browser')) await ensureClientBuilt()
for (const [name, run] of Object.entries(SCENARIOS)) {
  if (only && !only.includes(name)) continue
  const t = Date.now()
  process.stdout.write(`▶ ${name}${quick ? ' (quick)' : ''}…\n`)
  try {
    results.push(...(await run({ quick })))
  } catch (err) {
    results.push(failed(name, err))
  }
  process.stdout.write(`  ${name} took ${((Date.now() - t) / 1000).toFixed(1)} s\n`)
}
// Issue order: the persistence figures come out of the fan-out and comments scenarios.
const ORDER = ['trace-replay', 'fan-out', 'comments', 'persistence', 'browser', 'memory', 'redline', 'scale']
const rank = (r: BenchResult) => ORDER.findIndex((prefix) => r.name.startsWith(prefix))
results.sort((a, b) => rank(a) - rank(b))
const dir = join(import.meta.dirname, 'results')
mkdirSync(dir, { recursive: true })
writeFileSync(join(dir, 'latest.json'), JSON.stringify(results, null, 2) + '\n')
process.stdout.write(`\n${markdownTable(results)}\n\n${quick ? 'Quick run' : 'Full run'} in ${((Date.now() - started) / 1000).toFixed(0)} s; written to test/bench/results/latest.json\n`)
const misses = results.filter((r) => r.pass === false).length
if (misses > 0) process.stdout.write(`${misses} figure(s) miss their target (see the table).\n`)
process.exit(0)
