import type { Translate } from '../../../shared/i18n/translator'
import { COMMENT_STATUSES, DISPOSITIONS } from '../../../shared/types'

/**
 * One coloured part of a stacked bar. `ink` is the text colour that stays readable on `color`; `pattern`
 * tells the parts apart without their colour (WCAG: colour is never the only carrier of meaning), as the
 * legend does with the same pattern beside each name.
 */
export interface Series {
  key: string
  label: string
  color: string
  ink: string
  pattern: SeriesPattern
}

/** How a part is hatched over its colour: none, diagonal lines, dots, or cross-hatching. */
export type SeriesPattern = 'solid' | 'lines' | 'dots' | 'cross'

const STATUS_COLOR: Record<(typeof COMMENT_STATUSES)[number], { color: string; ink: string; pattern: SeriesPattern }> = {
  open: { color: '#e09600', ink: '#1b2430', pattern: 'lines' },
  resolved: { color: '#1a7f37', ink: '#ffffff', pattern: 'solid' },
  withdrawn: { color: '#c3cad4', ink: '#1b2430', pattern: 'dots' },
}

/** Open · Resolved · Withdrawn, in the order of `COMMENT_STATUSES` (the order chart rows hold their values in). */
export const statusSeries = (t: Translate): Series[] => COMMENT_STATUSES.map((s) => ({ key: s, label: t(`status.${s}`), ...STATUS_COLOR[s] }))

const DISPOSITION_COLOR: Record<(typeof DISPOSITIONS)[number], { color: string; ink: string; pattern: SeriesPattern }> = {
  accepted: { color: '#1a7f37', ink: '#ffffff', pattern: 'solid' },
  'accepted-with-modification': { color: '#7cc68d', ink: '#1b2430', pattern: 'lines' },
  'not-accepted': { color: '#b42318', ink: '#ffffff', pattern: 'cross' },
  noted: { color: '#1d4e89', ink: '#ffffff', pattern: 'dots' },
}

/** The four dispositions, in the order of `DISPOSITIONS`. */
export const dispositionSeries = (t: Translate): Series[] => DISPOSITIONS.map((d) => ({ key: d, label: t(`disposition.${d}`), ...DISPOSITION_COLOR[d] }))
