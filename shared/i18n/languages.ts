/**
 * The six official languages of the United Nations, in which Accord speaks: its interface, its error
 * messages and the comment-resolution table. A participant chooses one for the interface; a draft has one
 * for its exports. Adding a language: see README ("Languages").
 */
export const LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const
export type Language = (typeof LANGUAGES)[number]

/** What a participant or draft without a language of its own speaks (and the fallback of every catalogue). */
export const DEFAULT_LANGUAGE: Language = 'en'

/** Each language by its own name, as a language switcher lists them. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  ar: 'العربية',
  zh: '中文',
  en: 'English',
  fr: 'Français',
  ru: 'Русский',
  es: 'Español',
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

/** Which way a language is written: Arabic right to left, the others left to right. */
export const directionOf = (language: Language): 'rtl' | 'ltr' => (language === 'ar' ? 'rtl' : 'ltr')

/**
 * The locale `Intl` formats dates, times and numbers with. Arabic keeps the digits 0–9 (as UN and WIPO
 * Arabic documents do, and as the comment ids beside them are written); English dates read "6 December 2026".
 */
export const intlLocale = (language: Language): string => (language === 'ar' ? 'ar-u-nu-latn' : language === 'en' ? 'en-GB' : language)

/**
 * The first of a browser's preferred languages (`navigator.languages`: "fr-CA", "zh-Hant-TW", …) that
 * Accord speaks, by its primary subtag; English when none is.
 */
export function preferredLanguage(tags: readonly string[]): Language {
  for (const tag of tags) {
    const primary = tag.toLowerCase().split(/[-_]/)[0]
    if (isLanguage(primary)) return primary
  }
  return DEFAULT_LANGUAGE
}
