import { COMMENT_STATUSES, DISPOSITIONS } from '../../../shared/types'
import { DISPOSITION_LABEL, STATUS_LABEL } from '../ui/labels'

/** One coloured part of a stacked bar. `ink` is the text colour that stays readable on `color`. */
export interface Series {
  key: string
  label: string
  color: string
  ink: string
}

const STATUS_COLOR: Record<(typeof COMMENT_STATUSES)[number], { color: string; ink: string }> = {
  open: { color: '#e09600', ink: '#1b2430' },
  resolved: { color: '#1a7f37', ink: '#ffffff' },
  withdrawn: { color: '#c3cad4', ink: '#1b2430' },
}

/** Open · Resolved · Withdrawn, in the order of `COMMENT_STATUSES` (the order chart rows hold their values in). */
export const STATUS_SERIES: Series[] = COMMENT_STATUSES.map((s) => ({ key: s, label: STATUS_LABEL[s], ...STATUS_COLOR[s] }))

const DISPOSITION_COLOR: Record<(typeof DISPOSITIONS)[number], { color: string; ink: string }> = {
  accepted: { color: '#1a7f37', ink: '#ffffff' },
  'accepted-with-modification': { color: '#7cc68d', ink: '#1b2430' },
  'not-accepted': { color: '#b42318', ink: '#ffffff' },
  noted: { color: '#1d4e89', ink: '#ffffff' },
}

/** The four dispositions, in the order of `DISPOSITIONS`. */
export const DISPOSITION_SERIES: Series[] = DISPOSITIONS.map((d) => ({ key: d, label: DISPOSITION_LABEL[d], ...DISPOSITION_COLOR[d] }))
