import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { DEFAULT_LANGUAGE, type Language, isLanguage } from '../../../shared/i18n/languages'
import { type Translate, asTranslate } from '../../../shared/i18n/translator'
import { type Formats, formatsFor } from './format'

/** What a component needs to speak the reader's language: `t`, the language, and its formats. */
export interface Locale extends Formats {
  t: Translate
  language: Language
}

/** The reader's language; components re-render when it changes. */
export function useLocale(): Locale {
  const { t, i18n } = useTranslation()
  const language = isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE
  return useMemo(() => {
    const translate = asTranslate(t)
    return { t: translate, language, ...formatsFor(language, translate) }
  }, [t, language])
}
