import { type RefObject, useId, useLayoutEffect, useRef, useState } from 'react'
import type { Translate } from '../../../shared/i18n/translator'
import { directionOf } from '../../../shared/i18n/languages'
import { useLocale } from '../i18n/useLocale'
import type { Series, SeriesPattern } from './chartSeries'
import { sum, type ChartRow } from './dashboardStats'

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
function describeRow(t: Translate, row: ChartRow, series: Series[]): string {
  const parts = series.flatMap((s, i) => ((row.values[i] ?? 0) > 0 ? [partText(t, row.values[i]!, s)] : []))
  return t(parts.length ? 'dashboard.charts.rowWithParts' : 'dashboard.charts.row', { title: row.title, count: sum(row.values), parts: parts.join(', ') })
}

/** "3 open": a part of a bar in words. */
const partText = (t: Translate, count: number, s: Series) => t('dashboard.charts.part', { n: count, label: s.label.toLocaleLowerCase() })

/** The hatching drawn over a part's colour, in its ink colour, so that parts differ by more than colour. */
function Hatching({ id, pattern, ink }: { id: string; pattern: SeriesPattern; ink: string }) {
  if (pattern === 'solid') return null
  return (
    <pattern id={id} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform={pattern === 'lines' ? 'rotate(45)' : undefined}>
      {pattern === 'lines' && <line x1={0} y1={0} x2={0} y2={6} stroke={ink} strokeWidth={1.5} strokeOpacity={0.45} />}
      {pattern === 'dots' && <circle cx={3} cy={3} r={1.2} fill={ink} fillOpacity={0.5} />}
      {pattern === 'cross' && <path d="M0 0L6 6M6 0L0 6" stroke={ink} strokeWidth={1} strokeOpacity={0.45} />}
    </pattern>
  )
}

/** A legend's sample of a series: its colour and its hatching. */
function Swatch({ series, id }: { series: Series; id: string }) {
  return (
    <svg className="legend-swatch" width={14} height={14} viewBox="0 0 14 14" aria-hidden="true" focusable="false">
      <defs>
        <Hatching id={id} pattern={series.pattern} ink={series.ink} />
      </defs>
      <rect width={14} height={14} rx={3} fill={series.color} />
      {series.pattern !== 'solid' && <rect width={14} height={14} rx={3} fill={`url(#${id})`} />}
    </svg>
  )
}

/**
 * Horizontal stacked bars drawn as plain SVG: one bar per row, one coloured part per series, the total
 * after each bar and, on a bar of several parts, each part's count where it fits (a bar of one part
 * would show its total twice); a legend below; a text alternative for screen readers that says
 * everything the picture shows.
 */
export function StackedBarChart({ title, rows, series, labelWidth = 130, showShare = false, emptyText, dataTest }: Props) {
  const { t, percent, number, language } = useLocale()
  const titleId = useId()
  const patternId = (s: Series) => `${titleId}-${s.key}`.replace(/:/g, '')
  const descId = useId()
  const figureRef = useRef<HTMLElement>(null)
  const width = useDrawingWidth(figureRef)
  const totals = rows.map((r) => sum(r.values))
  const grandTotal = sum(totals)
  const max = Math.max(1, ...totals)
  const barArea = Math.max(0, width - labelWidth - TOTAL_WIDTH)
  const height = rows.length * (ROW_HEIGHT + ROW_GAP)
  const seriesTotals = series.map((_, i) => sum(rows.map((r) => r.values[i] ?? 0)))
  // Right to left, the bars start at the right, after their labels: every x (and a box's width) is mirrored.
  const rtl = directionOf(language) === 'rtl'
  const mirror = (x: number, boxWidth = 0) => (rtl ? width - x - boxWidth : x)

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
            <desc id={descId}>{rows.map((r) => describeRow(t, r, series)).join('. ')}.</desc>
            <defs>
              {series.map((s) => (
                <Hatching key={s.key} id={patternId(s)} pattern={s.pattern} ink={s.ink} />
              ))}
            </defs>
            {rows.map((row, r) => {
              const y = r * (ROW_HEIGHT + ROW_GAP) + ROW_GAP / 2
              const severalParts = row.values.filter((v) => v > 0).length > 1
              let x = labelWidth
              return (
                <g key={row.key} data-test="chart-row" data-key={row.key} data-total={totals[r]}>
                  <text x={mirror(labelWidth - 8)} y={y + ROW_HEIGHT / 2} className="chart-label" textAnchor={rtl ? 'start' : 'end'} dominantBaseline="central" direction="ltr">
                    {row.label}
                    <title>{row.title}</title>
                  </text>
                  <rect x={mirror(labelWidth, barArea)} y={y} width={barArea} height={ROW_HEIGHT} className="chart-track" rx={3} />
                  {series.map((s, i) => {
                    const value = row.values[i] ?? 0
                    if (value === 0) return null
                    const partWidth = (value / max) * barArea
                    const at = x
                    x += partWidth
                    const fits = severalParts && partWidth >= String(value).length * DIGIT_WIDTH + 6
                    return (
                      <g key={s.key}>
                        <rect x={mirror(at, partWidth)} y={y} width={partWidth} height={ROW_HEIGHT} fill={s.color}>
                          <title>{`${row.title}: ${partText(t, value, s)}`}</title>
                        </rect>
                        {s.pattern !== 'solid' && <rect x={mirror(at, partWidth)} y={y} width={partWidth} height={ROW_HEIGHT} fill={`url(#${patternId(s)})`} pointerEvents="none" />}
                        {fits && (
                          <text x={mirror(at + partWidth / 2)} y={y + ROW_HEIGHT / 2} fill={s.ink} className="chart-count" data-test="chart-count" textAnchor="middle" dominantBaseline="central">
                            {number(value)}
                          </text>
                        )}
                      </g>
                    )
                  })}
                  <text x={mirror(x + 6)} y={y + ROW_HEIGHT / 2} className="chart-total" data-test="chart-total" textAnchor={rtl ? 'end' : 'start'} dominantBaseline="central" direction="ltr">
                    {number(totals[r] ?? 0)}
                  </text>
                </g>
              )
            })}
          </svg>
          <ul className="chart-legend">
            {series.map((s, i) => (
              <li key={s.key}>
                <Swatch series={s} id={`${patternId(s)}-legend`} />
                {s.label} <strong>{number(seriesTotals[i] ?? 0)}</strong>
                {showShare && <span className="muted"> ({percent(seriesTotals[i] ?? 0, grandTotal)})</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </figure>
  )
}
