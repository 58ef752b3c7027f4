import { useId } from 'react'
import { LANGUAGES, LANGUAGE_NAMES, type Language, isLanguage } from '../../../shared/i18n/languages'
import { useLocale } from './useLocale'

/**
 * The language of the interface, as a list of the six by their own names (each marked with its `lang`,
 * so a screen reader pronounces "Русский" in Russian). Changing it takes effect at once.
 */
export function LanguageSwitcher({ onChange, className }: { onChange: (language: Language) => void; className?: string }) {
  const { t, language } = useLocale()
  const id = useId()
  return (
    <span className={`language-switcher${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="visually-hidden">
        {t('app.language')}
      </label>
      <select
        id={id}
        value={language}
        onChange={(e) => isLanguage(e.target.value) && onChange(e.target.value)}
        data-test="language-switcher"
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </span>
  )
}
