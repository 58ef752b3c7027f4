import { type Catalogue, SHARED_CATALOGUES } from '../../../shared/i18n/catalogues'
import type { Language } from '../../../shared/i18n/languages'
import ar from './locales/ar.json'
import en from './locales/en.json'
import es from './locales/es.json'
import fr from './locales/fr.json'
import ru from './locales/ru.json'
import zh from './locales/zh.json'

/** The interface's own texts per language (pages, buttons, hints), beside the shared words and errors. */
export const INTERFACE_CATALOGUES: Record<Language, Catalogue> = { ar, zh, en, fr, ru, es }

const merge = (language: Language): Catalogue => ({ ...SHARED_CATALOGUES[language], ...INTERFACE_CATALOGUES[language] })

/** Everything the browser says, per language: the shared catalogues and the interface's. */
export const CLIENT_CATALOGUES: Record<Language, Catalogue> = {
  ar: merge('ar'),
  zh: merge('zh'),
  en: merge('en'),
  fr: merge('fr'),
  ru: merge('ru'),
  es: merge('es'),
}
