import { TYPE_ABBREVIATIONS } from '../../shared/commentTable'
import { isCountryCode, isValidOrg, orgByName, orgName } from '../../shared/countries'
import { COMMENT_TYPES, type CommentType, DISPOSITIONS, type Disposition } from '../../shared/types'
import { inEveryLanguage, looseKey as key } from './inEveryLanguage'

/** Reading the cells of an imported comment table: each returns the value, or null when it is not one. */

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
  COMMENT_TYPES.flatMap((t) => [t, TYPE_ABBREVIATIONS[t], ...inEveryLanguage(`commentType.${t}`)].map((text) => [key(text), t] as const)),
)

/** General / Technical / Editorial (in any of the six languages), or ge / te / ed, in any case. */
export function parseType(cell: string): CommentType | null {
  return TYPES.get(key(cell)) ?? null
}

const DISPOSITION_KEYS: ReadonlyMap<string, Disposition> = new Map(
  DISPOSITIONS.flatMap((d) => [d, ...inEveryLanguage(`disposition.${d}`)].map((text) => [key(text), d] as const)),
)

/** "Accepted with modification" (the label, in any of the six languages) or "accepted-with-modification" (the API value), in any case. */
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
