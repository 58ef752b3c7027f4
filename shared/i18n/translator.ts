import { createInstance, type TFunction, type i18n } from 'i18next'
import type { Catalogue } from './catalogues'
import { DEFAULT_LANGUAGE, type Language } from './languages'

/**
 * A translation function bound to one language: `t('role.chair')`, `t('errors.comment.notFound', params)`.
 * Plainer than i18next's own type, whose key checking needs the catalogues declared as types.
 */
export type Translate = (key: string, options?: Record<string, unknown>) => string

/** i18next's `t` as a `Translate`. */
export const asTranslate = (t: TFunction): Translate => t as unknown as Translate

/** The i18next options Accord uses everywhere: texts are plain (React and exports escape), no namespaces. */
export const I18NEXT_OPTIONS = {
  fallbackLng: DEFAULT_LANGUAGE,
  interpolation: { escapeValue: false },
  nsSeparator: false,
  returnNull: false,
} as const

/** An i18next instance over the given catalogues, ready at once (no loading: the catalogues are in the bundle). */
export function createTranslations(catalogues: Record<Language, Catalogue>, language: Language): i18n {
  const instance = createInstance()
  void instance.init({
    ...I18NEXT_OPTIONS,
    lng: language,
    initAsync: false,
    resources: Object.fromEntries(Object.entries(catalogues).map(([lang, catalogue]) => [lang, { translation: catalogue }])),
  })
  return instance
}
