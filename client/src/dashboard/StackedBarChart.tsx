import { type RefObject, useId, useLayoutEffect, useRef, useState } from 'react'
import type { Series } from './chartSeries'
import { percent, sum, type ChartRow } from './dashboardStats'

/** Drawing units of the SVG (a unit is a CSS pixel while the chart is this wide or narrower). */
const WIDTH = 600
const ROW_HEIGHT = 24
const ROW_GAP = 10
const TOTAL_WIDTH = 44
/** Approximate width of a digit at the chart's font size, to decide whether a count fits in its part. */
const DIGIT_WIDTH = 7.5

interface Props {
  title: string
  rows: ChartRow[]
  series: Series[]
  /** Width reserved for row labels, in drawing units. */
  labelWidth?: number
  /** Show each series' share of the whole in the legend (for a single bar of parts). */
  showShare?: boolean
  emptyText: string
  dataTest: string
}

/**
 * The drawing's width: its card's, up to WIDTH. Scaling one 600-unit drawing down to a phone's card
 * shrank its 12 px labels to 6 px; drawn at the card's width, only the bars get shorter.
 */
function useDrawingWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(WIDTH)
  useLayoutEffect(() => {
    const el = ref.current
    if (!el || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(1, Math.min(WIDTH, Math.floor(entry.contentRect.width))))
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref])
  return width
}

/** What a row is made of, in words: "Norway (NO): 5 comments, 3 open, 2 resolved". */
function describeRow(row: ChartRow, series: Series[]): string {
  const parts = series.flatMap((s, i) => ((row.values[i] ?? 0) > 0 ? [`${row.values[i]} ${s.label.toLowerCase()}`] : []))
  const total = sum(row.values)
  return `${row.title}: ${total} comment${total === 1 ? '' : 's'}${parts.length ? `, ${parts.join(', ')}` : ''}`
}

/**
 * Horizontal stacked bars drawn as plain SVG: one bar per row, one coloured part per series, the total
 * after each bar and, on a bar of several parts, each part's count where it fits (a bar of one part
 * would show its total twice); a legend below; a text alternative for screen readers that says
 * everything the picture shows.
 */
export function StackedBarChart({ title, rows, series, labelWidth = 130, showShare = false, emptyText, dataTest }: Props) {
  const titleId = useId()
  const descId = useId()
  const figureRef = useRef<HTMLElement>(null)
  const width = useDrawingWidth(figureRef)
  const totals = rows.map((r) => sum(r.values))
  const grandTotal = sum(totals)
  const max = Math.max(1, ...totals)
  const barArea = Math.max(0, width - labelWidth - TOTAL_WIDTH)
  const height = rows.length * (ROW_HEIGHT + ROW_GAP)
  const seriesTotals = series.map((_, i) => sum(rows.map((r) => r.values[i] ?? 0)))

  return (
    <figure className="chart card" data-test={dataTest} ref={figureRef}>
      <figcaption className="chart-title">{title}</figcaption>
      {grandTotal === 0 ? (
        <p className="chart-empty muted">{emptyText}</p>
      ) : (
        <>
          <svg
            className="chart-svg"
            viewBox={`0 0 ${width} ${height}`}
            width="100%"
            style={{ maxWidth: width }}
            role="img"
            aria-labelledby={`${titleId} ${descId}`}
          >
            <title id={titleId}>{title}</title>
            <desc id={descId}>{rows.map((r) => describeRow(r, series)).join('. ')}.</desc>
            {rows.map((row, r) => {
              const y = r * (ROW_HEIGHT + ROW_GAP) + ROW_GAP / 2
              const severalParts = row.values.filter((v) => v > 0).length > 1
              let x = labelWidth
              return (
                <g key={row.key} data-test="chart-row" data-key={row.key} data-total={totals[r]}>
                  <text x={labelWidth - 8} y={y + ROW_HEIGHT / 2} className="chart-label" textAnchor="end" dominantBaseline="central">
                    {row.label}
                    <title>{row.title}</title>
                  </text>
                  <rect x={labelWidth} y={y} width={barArea} height={ROW_HEIGHT} className="chart-track" rx={3} />
                  {series.map((s, i) => {
                    const value = row.values[i] ?? 0
                    if (value === 0) return null
                    const partWidth = (value / max) * barArea
                    const at = x
                    x += partWidth
                    const fits = severalParts && partWidth >= String(value).length * DIGIT_WIDTH + 6
                    return (
                      <g key={s.key}>
                        <rect x={at} y={y} width={partWidth} height={ROW_HEIGHT} fill={s.color}>
                          <title>{`${row.title}: ${value} ${s.label.toLowerCase()}`}</title>
                        </rect>
                        {fits && (
                          <text x={at + partWidth / 2} y={y + ROW_HEIGHT / 2} fill={s.ink} className="chart-count" data-test="chart-count" textAnchor="middle" dominantBaseline="central">
                            {value}
                          </text>
                        )}
                      </g>
                    )
                  })}
                  <text x={x + 6} y={y + ROW_HEIGHT / 2} className="chart-total" data-test="chart-total" dominantBaseline="central">
                    {totals[r]}
                  </text>
                </g>
              )
            })}
          </svg>
          <ul className="chart-legend">
            {series.map((s, i) => (
              <li key={s.key}>
                <span className="legend-swatch" style={{ backgroundColor: s.color }} aria-hidden="true" />
                {s.label} <strong>{seriesTotals[i]}</strong>
                {showShare && <span className="muted"> ({percent(seriesTotals[i] ?? 0, grandTotal)})</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </figure>
  )
}
