import { CLIENT_CATALOGUES } from '../../client/src/i18n/catalogues'
import type { Language } from '../../shared/i18n/languages'
import { type Translate, asTranslate, createTranslations } from '../../shared/i18n/translator'

// One instance for every language the tests ask about: the catalogues do not change.
const translations = createTranslations(CLIENT_CATALOGUES, 'en')

/** What the browser says in `language` for a key: the tests expect the catalogue's own words, not copies of them. */
export const browserText = (language: Language): Translate => asTranslate(translations.getFixedT(language))
