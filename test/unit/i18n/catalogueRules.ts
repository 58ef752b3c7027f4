import type { Catalogue } from '../../../shared/i18n/catalogues'
import type { Language } from '../../../shared/i18n/languages'

/** Every text of a catalogue by its dotted key. */
export function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of flatten(value, path)) out.set(k, v)
  }
  return out
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/

/** The `{{placeholders}}` and `<tags>` of a text (what code passes in, and what `<Trans>` fills). */
export function markers(text: string): Set<string> {
  const found = new Set<string>()
  for (const m of text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)) found.add(`{{${m[1]}}}`)
  for (const m of text.matchAll(/<\/?(\w+)\s*\/?>/g)) found.add(`<${m[1]}>`)
  return found
}

/** The plural forms a language has (CLDR, through `Intl.PluralRules`). */
export const pluralCategories = (language: Language): string[] => [...new Intl.PluralRules(language).resolvedOptions().pluralCategories].sort()

/**
 * Keys grouped as i18next reads them: a plural key is its base with a category suffix (`import.rows_one`),
 * recognised by English having the base's `_other` form; every other key stands alone.
 */
export function groups(texts: Map<string, string>, english: Map<string, string>): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>()
  for (const [key, text] of texts) {
    const m = PLURAL_SUFFIX.exec(key)
    const base = m && english.has(`${key.slice(0, m.index)}_other`) ? key.slice(0, m.index) : key
    const forms = out.get(base) ?? new Map<string, string>()
    forms.set(m && base !== key ? m[1]! : '', text)
    out.set(base, forms)
  }
  return out
}

/** Every problem of one language's catalogue against the English one: missing and extra keys, plural forms, placeholders. */
export function problems(language: Language, catalogue: Catalogue, englishCatalogue: Catalogue): string[] {
  const english = flatten(englishCatalogue)
  const englishGroups = groups(english, english)
  const mine = groups(flatten(catalogue), english)
  const found: string[] = []
  const categories = pluralCategories(language)
  for (const [base, englishForms] of englishGroups) {
    const forms = mine.get(base)
    if (!forms) {
      found.push(`${language}: missing ${base}`)
      continue
    }
    const plural = !englishForms.has('')
    const expected = plural ? categories : ['']
    const have = [...forms.keys()].sort()
    if (have.join() !== expected.join()) found.push(`${language}: ${base} has forms [${have}], needs [${expected}]`)
    // Placeholders: the same as English; a plural form may leave out the number ("one comment", "تعليقان").
    const wanted = new Set([...englishForms.values()].flatMap((t) => [...markers(t)]))
    for (const [form, text] of forms) {
      if (text.trim() === '') found.push(`${language}: ${base}${form && `_${form}`} is empty`)
      const have = markers(text)
      for (const m of have) if (!wanted.has(m)) found.push(`${language}: ${base}${form && `_${form}`} has ${m}, English does not`)
      for (const m of wanted) if (!have.has(m) && !(plural && m === '{{count}}')) found.push(`${language}: ${base}${form && `_${form}`} lacks ${m}`)
    }
  }
  for (const base of mine.keys()) if (!englishGroups.has(base)) found.push(`${language}: ${base} is not in English`)
  return found
}
