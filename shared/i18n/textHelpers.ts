import { type Language, intlLocale } from './languages'

/** Quotation marks as each language sets a quoted word: "Type", «Type», “Type”. */
const QUOTES: Record<Language, [string, string]> = {
  en: ['"', '"'],
  fr: ['« ', ' »'],
  es: ['«', '»'],
  ru: ['«', '»'],
  ar: ['«', '»'],
  zh: ['“', '”'],
}

export const quoteIn = (language: Language, text: string): string => `${QUOTES[language][0]}${text}${QUOTES[language][1]}`

/** Items one after another, as a language separates them in an enumeration without "and": "a, b, c", "a、b、c". */
export const joinPlain = (language: Language, items: readonly string[]): string =>
  items.join(language === 'zh' ? '、' : language === 'ar' ? '، ' : ', ')

/** "a, b and c" in the language (`Intl.ListFormat`). */
export const joinAnd = (language: Language, items: readonly string[]): string =>
  new Intl.ListFormat(intlLocale(language), { type: 'conjunction' }).format(items)

/** A deadline with its date, time and time zone (UTC, the server's clock): "6 December 2026 at 17:00". */
export function deadlineDate(language: Language, iso: string): string | null {
  if (Number.isNaN(Date.parse(iso))) return null
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso))
}
