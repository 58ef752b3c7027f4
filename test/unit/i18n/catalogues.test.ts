import { describe, expect, it } from 'vitest'
import { SHARED_CATALOGUES } from '../../../shared/i18n/catalogues'
import { INTERFACE_CATALOGUES } from '../../../client/src/i18n/catalogues'
import { LANGUAGES } from '../../../shared/i18n/languages'
import { problems, pluralCategories } from './catalogueRules'

/**
 * Every catalogue has every key of the English one, no other, exactly the plural forms its language
 * needs (Arabic six, Russian four, Chinese one: `Intl.PluralRules`), and the same {{placeholders}} and
 * <tags> as English. A key missing from any catalogue, a form too few or a placeholder misspelt fails here.
 */
describe('translation catalogues', () => {
  it('plural rules are what the catalogues are written for', () => {
    expect(pluralCategories('ar')).toEqual(['few', 'many', 'one', 'other', 'two', 'zero'])
    expect(pluralCategories('ru')).toEqual(['few', 'many', 'one', 'other'])
    expect(pluralCategories('zh')).toEqual(['other'])
    expect(pluralCategories('en')).toEqual(['one', 'other'])
  })

  it.each(LANGUAGES.filter((l) => l !== 'en'))('the shared words and error messages in %s match the English ones', (language) => {
    expect(problems(language, SHARED_CATALOGUES[language], SHARED_CATALOGUES.en)).toEqual([])
  })

  it.each(LANGUAGES.filter((l) => l !== 'en'))('the interface in %s matches the English one', (language) => {
    expect(problems(language, INTERFACE_CATALOGUES[language], INTERFACE_CATALOGUES.en)).toEqual([])
  })

  it('the interface’s groups do not hide the shared ones (the browser merges them)', () => {
    for (const language of LANGUAGES) {
      const shared = new Set(Object.keys(SHARED_CATALOGUES[language]))
      expect(Object.keys(INTERFACE_CATALOGUES[language]).filter((group) => shared.has(group)), language).toEqual([])
    }
  })

  it('the check finds a missing key, a missing plural form and a misspelt placeholder', () => {
    const english = { a: 'A {{n}}', b_one: '{{count}} b', b_other: '{{count}} bs' }
    expect(problems('ru', { a: 'А {{m}}', b_one: '{{count}} б', b_few: '{{count}} б', b_many: '{{count}} б' }, english)).toEqual([
      'ru: a has {{m}}, English does not',
      'ru: a lacks {{n}}',
      'ru: b has forms [few,many,one], needs [few,many,one,other]',
    ])
    expect(problems('fr', { b_one: 'b', b_many: 'b', b_other: 'b' }, english)).toEqual(['fr: missing a'])
  })
})
