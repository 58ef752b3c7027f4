import { DISPOSITION_LABELS, TYPE_ABBREVIATIONS, TYPE_LABELS } from '../../shared/commentTable'
import { isCountryCode, isValidOrg, orgByName, orgName } from '../../shared/countries'
import { COMMENT_TYPES, type CommentType, DISPOSITIONS, type Disposition } from '../../shared/types'

/** Reading the cells of an imported comment table: each returns the value, or null when it is not one. */

const key = (text: string) => text.trim().replace(/[\s_-]+/g, ' ').toLowerCase()

/**
 * A Member State or organization: a code (NO, no), a name (Norway), the "NO · Norway" label the app
 * shows, or an acronym written in capitals (WIPO).
 */
export function parseOrg(cell: string): string | null {
  const text = cell.split('·')[0]!.trim()
  const upper = text.toUpperCase()
  if (isCountryCode(upper) || orgName(upper) !== null) return upper
  const named = orgByName(text)
  if (named) return named
  return text === upper && isValidOrg(upper) ? upper : null
}

const TYPES: ReadonlyMap<string, CommentType> = new Map(
  COMMENT_TYPES.flatMap((t) => [[key(t), t], [key(TYPE_LABELS[t]), t], [key(TYPE_ABBREVIATIONS[t]), t]] as const),
)

/** General / Technical / Editorial, or ge / te / ed, in any case. */
export function parseType(cell: string): CommentType | null {
  return TYPES.get(key(cell)) ?? null
}

const DISPOSITION_KEYS: ReadonlyMap<string, Disposition> = new Map(
  DISPOSITIONS.flatMap((d) => [[key(d), d], [key(DISPOSITION_LABELS[d]), d]] as const),
)

/** "Accepted with modification" (the label) or "accepted-with-modification" (the API value), in any case. */
export function parseDisposition(cell: string): Disposition | null {
  return DISPOSITION_KEYS.get(key(cell)) ?? null
}

/** A calendar date written YYYY-MM-DD (a time after it is ignored), or null. */
export function parseIsoDate(cell: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$/.exec(cell.trim())
  if (!m) return null
  const date = `${m[1]}-${m[2]}-${m[3]}`
  const parsed = new Date(`${date}T00:00:00Z`)
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date) ? date : null
}
