import { LANGUAGES } from '../../shared/i18n/languages'
import { sharedTranslate } from '../../shared/i18n/sharedTranslate'

/**
 * A catalogue text in each of the six languages: what an imported table may call a column, a type or a
 * disposition, whichever language it was exported or typed in.
 */
export const inEveryLanguage = (key: string): string[] => [...new Set(LANGUAGES.map((language) => sharedTranslate(language)(key)))]

/**
 * How a header or a cell is compared: case, accents (and Arabic vowel marks), spaces, underscores and
 * hyphens do not count, so "resolved_on", "Résolu le" and "RESOLVED ON" read as typed.
 */
export const looseKey = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\s_*:-]+/g, ' ')
    .trim()
    .toLowerCase()
