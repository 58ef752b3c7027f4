import { type Language, directionOf, isLanguage, preferredLanguage } from '../../../shared/i18n/languages'
import type { Translate } from '../../../shared/i18n/translator'

/** Where this browser remembers the last language chosen in it (the sign-in page speaks it before anyone signs in). */
const STORAGE_KEY = 'accord.language'

/** The language to start in: the one last chosen in this browser, else the first of the browser's that Accord speaks. */
export function initialLanguage(): Language {
  let stored: string | null = null
  try {
    stored = localStorage.getItem(STORAGE_KEY)
  } catch {
    // Storage may be switched off: the browser's languages decide.
  }
  return isLanguage(stored) ? stored : preferredLanguage(navigator.languages ?? [navigator.language])
}

export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language)
  } catch {
    // Not remembered on this browser; the server keeps a signed-in participant's choice.
  }
}

/**
 * Texts the style sheets show (`content:`), as CSS custom properties: the recommendations' labels and
 * the field names of cards on a phone follow the language without a style sheet per language.
 */
const CSS_TEXTS: Record<string, string> = {
  '--text-recommendation': 'editor.recommendationLabel',
  '--text-recommended-actions': 'editor.recommendedActions',
  '--text-statement-placeholder': 'editor.statementPlaceholder',
  '--text-sort-by': 'dashboard.list.sortBy',
  '--text-label-colon': 'common.labelColon',
}

/** Makes the page speak `language`: `<html lang dir>`, and the texts the style sheets show. */
export function applyLanguageToPage(language: Language, t: Translate): void {
  const root = document.documentElement
  root.lang = language
  root.dir = directionOf(language)
  for (const [property, key] of Object.entries(CSS_TEXTS)) root.style.setProperty(property, JSON.stringify(t(key)))
}
