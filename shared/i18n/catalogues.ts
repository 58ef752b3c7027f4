import type { Language } from './languages'
import arDomain from './domain/ar.json'
import enDomain from './domain/en.json'
import esDomain from './domain/es.json'
import frDomain from './domain/fr.json'
import ruDomain from './domain/ru.json'
import zhDomain from './domain/zh.json'
import arErrors from './errors/ar.json'
import enErrors from './errors/en.json'
import esErrors from './errors/es.json'
import frErrors from './errors/fr.json'
import ruErrors from './errors/ru.json'
import zhErrors from './errors/zh.json'

/** A catalogue of translations: texts by key, in groups. */
export interface Catalogue {
  [key: string]: string | Catalogue
}

/**
 * What the server and the browser both say, per language: the domain's words (roles, comment types,
 * dispositions, phases, the comment table's columns, places) and the error messages (under `errors`, by
 * error code). The browser adds its interface's texts on top (client/src/i18n/).
 */
export const SHARED_CATALOGUES: Record<Language, Catalogue> = {
  ar: { ...arDomain, errors: arErrors },
  zh: { ...zhDomain, errors: zhErrors },
  en: { ...enDomain, errors: enErrors },
  fr: { ...frDomain, errors: frErrors },
  ru: { ...ruDomain, errors: ruErrors },
  es: { ...esDomain, errors: esErrors },
}
