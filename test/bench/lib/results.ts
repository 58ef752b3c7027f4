/** One line of the benchmark table (and of results/latest.json). */
export interface BenchResult {
  name: string
  value: number
  unit: string
  /** What "pass" means, in words, e.g. "≤ 20 ms"; null for figures reported without a target. */
  target: string | null
  /** The same figure measured in this run on the baseline (stock server, raw Yjs, idle RSS), if any. */
  baseline: number | null
  /** null when the figure has no target. */
  pass: boolean | null
  note?: string
  /** A point of a cost curve (README's chart): which chart, which line, at which size. */
  curve?: CurvePoint
}

export interface CurvePoint {
  chart: string
  series: string
  /** The size: pages, or comments. */
  x: number
}

/** The same result, also drawn as a point of a cost curve. */
export function onCurve(result: BenchResult, chart: string, series: string, x: number): BenchResult {
  return { ...result, curve: { chart, series, x } }
}

/** A figure without a target (context for the others). */
export function info(name: string, value: number, unit: string, baseline: number | null = null, note?: string): BenchResult {
  return { name, value, unit, target: null, baseline, pass: null, ...(note ? { note } : {}) }
}

/** A figure with an upper limit. */
export function atMost(
  name: string,
  value: number,
  unit: string,
  limit: number,
  target: string,
  baseline: number | null = null,
  note?: string,
): BenchResult {
  return { name, value, unit, target, baseline, pass: Number.isFinite(value) && value <= limit, ...(note ? { note } : {}) }
}

/**
 * The result, but a miss unless `ok`: a figure from a run that did not do all it should (edits not all
 * shown, deliveries lost, the wrong final text) must not read as "pass".
 */
export function requiring(result: BenchResult, ok: boolean, why: string): BenchResult {
  if (ok) return result
  return { ...result, pass: result.pass === null ? null : false, note: [result.note, `MISS because ${why}`].filter(Boolean).join('; ') }
}

/** A scenario that could not run to the end: the table says so instead of hiding the row. */
export function failed(name: string, err: unknown): BenchResult {
  const message = err instanceof Error ? err.message : String(err)
  return { name, value: Number.NaN, unit: '', target: 'ran to completion', baseline: null, pass: false, note: message.slice(0, 300) }
}

const fmt = (n: number | null): string => {
  if (n === null) return '–'
  if (!Number.isFinite(n)) return 'n/a'
  if (Math.abs(n) >= 100) return n.toFixed(0)
  if (Math.abs(n) >= 10) return n.toFixed(1)
  return n.toFixed(2)
}

/** The table as Markdown (printed and pasted into the README). */
export function markdownTable(results: readonly BenchResult[]): string {
  const rows = results.map((r) => [
    r.name,
    `${fmt(r.value)} ${r.unit}`.trim(),
    r.target ?? '–',
    r.baseline === null ? '–' : `${fmt(r.baseline)} ${r.unit}`.trim(),
    r.pass === null ? '' : r.pass ? 'pass' : '**MISS**',
  ])
  const header = ['benchmark', 'value', 'target', 'baseline', 'pass']
  const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`)
  const notes = results.filter((r) => r.note).map((r) => `- ${r.name}: ${r.note}`)
  return [...lines, ...(notes.length > 0 ? ['', 'Notes:', ...notes] : [])].join('\n')
}
