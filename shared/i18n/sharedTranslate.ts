import { SHARED_CATALOGUES } from './catalogues'
import { type Language } from './languages'
import { type Translate, asTranslate, createTranslations } from './translator'

// The catalogues never change while running: one instance serves every language.
let translations: ReturnType<typeof createTranslations> | null = null

/** The shared words and error messages in `language` (the server's exports and API errors, and `shared/` code). */
export function sharedTranslate(language: Language): Translate {
  translations ??= createTranslations(SHARED_CATALOGUES, language)
  return asTranslate(translations.getFixedT(language))
}
