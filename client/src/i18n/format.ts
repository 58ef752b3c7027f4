import { orgName } from '../../../shared/countries'
import { type Language, intlLocale } from '../../../shared/i18n/languages'
import { formatPlaceIn } from '../../../shared/i18n/places'
import type { Place } from '../../../shared/types'
import { joinAnd } from '../../../shared/i18n/textHelpers'
import type { Translate } from '../../../shared/i18n/translator'

/** How the interface writes dates, numbers, lists, Member States and places in one language (`Intl`). */
export interface Formats {
  /** "6 Dec 2026, 17:00" (medium) or "6 December 2026 at 17:00" (long), in the reader's time zone. */
  dateTime(iso: string, style?: 'medium' | 'long'): string
  /** A deadline with its weekday and time zone: "Sunday 6 December 2026 at 18:00 CET". */
  deadline(iso: string): string
  number(n: number): string
  /** "40%" of a whole, rounded; 0% of nothing. */
  percent(part: number, whole: number): string
  /** "a, b and c". */
  list(items: readonly string[]): string
  /** "1.2 MB", "340 kB", "12 byte". */
  fileSize(bytes: number): string
  /** A Member State's or organization's name ("Norway" for NO); the code itself when unknown. */
  orgTitle(org: string): string
  /** A place in the draft: "Recommendation 3 › Action 2", "General", a heading's text. */
  place(place: Place): string
}

const ORGANIZATIONS = new Set(['WIPO', 'EPO', 'EUIPO', 'ARIPO', 'OAPI', 'EAPO', 'GCCPO'])

// Intl objects are costly to make and a draft may show thousands of dates: one set per language.
const cache = new Map<Language, Omit<Formats, 'orgTitle' | 'place'>>()

function intlFormats(language: Language): Omit<Formats, 'orgTitle' | 'place'> {
  const cached = cache.get(language)
  if (cached) return cached
  const locale = intlLocale(language)
  const medium = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
  const long = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' })
  // dateStyle and timeStyle cannot be combined with timeZoneName: the fields are spelled out.
  const deadline = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  })
  const number = new Intl.NumberFormat(locale)
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })
  const unit = (name: string) => new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short', maximumFractionDigits: 1 })
  const [bytes, kilobytes, megabytes] = [unit('byte'), unit('kilobyte'), unit('megabyte')]
  const made = {
    dateTime: (iso: string, style: 'medium' | 'long' = 'medium') => (style === 'long' ? long : medium).format(new Date(iso)),
    deadline: (iso: string) => deadline.format(new Date(iso)),
    number: (n: number) => number.format(n),
    percent: (part: number, whole: number) => percent.format(whole === 0 ? 0 : Math.round((part / whole) * 100) / 100),
    list: (items: readonly string[]) => joinAnd(language, items),
    fileSize: (n: number) => (n < 1024 ? bytes.format(n) : n < 1024 * 1024 ? kilobytes.format(Math.round(n / 1024)) : megabytes.format(n / 1024 / 1024)),
  }
  cache.set(language, made)
  return made
}

/** The formats of `language`; `t` names organizations and places. */
export function formatsFor(language: Language, t: Translate): Formats {
  const regions = language === 'en' ? null : new Intl.DisplayNames(intlLocale(language), { type: 'region', fallback: 'none' })
  return {
    ...intlFormats(language),
    orgTitle(org) {
      if (ORGANIZATIONS.has(org)) return t(`organization.${org}`)
      // English keeps the UN short names of shared/countries.ts; other languages take CLDR's.
      if (regions && /^[A-Z]{2}$/.test(org)) return regions.of(org) ?? orgName(org) ?? org
      return orgName(org) ?? org
    },
    place: (place) => formatPlaceIn(t, place),
  }
}
