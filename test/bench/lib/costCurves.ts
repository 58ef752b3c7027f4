import type { BenchResult } from './results'

/** Cost curves as a small SVG (README): one panel per chart, one line per series, log-scaled sizes. */

const PANEL_W = 360
const PANEL_H = 230
const MARGIN = { left: 52, right: 12, top: 28, bottom: 62 }
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd']
const COLUMNS = 2

interface Line {
  series: string
  points: { x: number; y: number }[]
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const label = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n))
const ms = (n: number) => (n === 0 ? '0' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2))

/** "Nice" upper end of a linear axis. */
function niceMax(max: number): number {
  const step = 10 ** Math.floor(Math.log10(max || 1))
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= max) return m * step
  return 10 * step
}

function panel(title: string, unit: string, lines: Line[], ox: number, oy: number): string {
  const xs = [...new Set(lines.flatMap((l) => l.points.map((p) => p.x)))].sort((a, b) => a - b)
  const ys = lines.flatMap((l) => l.points.map((p) => p.y)).filter(Number.isFinite)
  const top = niceMax(Math.max(...ys, 0))
  const w = PANEL_W - MARGIN.left - MARGIN.right
  const h = PANEL_H - MARGIN.top - MARGIN.bottom
  const [lo, hi] = [Math.log(xs[0]!), Math.log(xs.at(-1)!)]
  const px = (x: number) => ox + MARGIN.left + (hi === lo ? w / 2 : ((Math.log(x) - lo) / (hi - lo)) * w)
  const py = (y: number) => oy + MARGIN.top + h - (y / top) * h
  const out: string[] = [`<text x="${ox + 8}" y="${oy + 18}" class="t">${esc(title)}</text>`]
  for (const f of [0, 0.5, 1]) {
    const y = py(top * f)
    out.push(`<line x1="${ox + MARGIN.left}" x2="${ox + MARGIN.left + w}" y1="${y}" y2="${y}" class="g"/>`)
    out.push(`<text x="${ox + MARGIN.left - 6}" y="${y + 4}" class="a" text-anchor="end">${ms(top * f)}</text>`)
  }
  out.push(`<text x="${ox + 12}" y="${oy + MARGIN.top + h / 2}" class="a" transform="rotate(-90 ${ox + 12} ${oy + MARGIN.top + h / 2})" text-anchor="middle">${esc(unit)}</text>`)
  for (const x of xs) out.push(`<text x="${px(x)}" y="${oy + MARGIN.top + h + 16}" class="a" text-anchor="middle">${label(x)}</text>`)
  lines.forEach((line, i) => {
    const color = COLORS[i % COLORS.length]!
    const pts = line.points.filter((p) => Number.isFinite(p.y)).sort((a, b) => a.x - b.x)
    out.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ')}"/>`)
    for (const p of pts) out.push(`<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="3" fill="${color}"><title>${esc(`${line.series}: ${ms(p.y)} at ${p.x}`)}</title></circle>`)
    const ly = oy + MARGIN.top + h + 32 + Math.floor(i / 2) * 14
    const lx = ox + MARGIN.left + (i % 2) * (w / 2)
    out.push(`<rect x="${lx}" y="${ly - 8}" width="10" height="3" fill="${color}"/><text x="${lx + 14}" y="${ly - 3}" class="a">${esc(line.series)}</text>`)
  })
  return out.join('\n')
}

/** The SVG of every chart the results carry points for (null when none do). */
export function costCurvesSvg(results: readonly BenchResult[], subtitle: string): string | null {
  const charts = new Map<string, Map<string, Line>>()
  const units = new Map<string, string>()
  for (const r of results) {
    if (!r.curve) continue
    const chart = charts.get(r.curve.chart) ?? new Map<string, Line>()
    charts.set(r.curve.chart, chart)
    units.set(r.curve.chart, r.unit)
    const line = chart.get(r.curve.series) ?? { series: r.curve.series, points: [] }
    chart.set(r.curve.series, line)
    line.points.push({ x: r.curve.x, y: r.value })
  }
  if (charts.size === 0) return null
  const rows = Math.ceil(charts.size / COLUMNS)
  const width = COLUMNS * PANEL_W
  const height = rows * PANEL_H + 30
  const panels = [...charts.entries()].map(([title, lines], i) =>
    panel(title, units.get(title) ?? '', [...lines.values()], (i % COLUMNS) * PANEL_W, 30 + Math.floor(i / COLUMNS) * PANEL_H),
  )
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    '<style>.t{font-size:13px;font-weight:bold}.a{font-size:11px;fill:#333}.g{stroke:#ddd}</style>',
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="8" y="18" class="a">${esc(subtitle)}</text>`,
    ...panels,
    '</svg>',
  ].join('\n')
}
