import { useCallback, useEffect } from 'react'
import type { i18n } from 'i18next'
import type { Language } from '../../../shared/i18n/languages'
import { asTranslate } from '../../../shared/i18n/translator'
import type { Me } from '../../../shared/types'
import { api } from '../api/http'
import { applyLanguageToPage, rememberLanguage } from './languageChoice'

/**
 * The interface language: the page follows it (`<html lang dir>`), a signed-in participant's saved choice
 * wins once known, and `choose` switches at once, remembers it in this browser and saves it on the
 * server for the participant (their other browsers follow). Returns `choose`.
 */
export function useLanguageChoice(instance: i18n, me: Me | null, onSaved: (me: Me) => void): (language: Language) => void {
  useEffect(() => {
    const apply = (language: string) => applyLanguageToPage(language as Language, asTranslate(instance.getFixedT(language)))
    apply(instance.language)
    instance.on('languageChanged', apply)
    return () => instance.off('languageChanged', apply)
  }, [instance])

  const saved = me?.language ?? null
  useEffect(() => {
    if (saved && saved !== instance.language) void instance.changeLanguage(saved)
  }, [instance, saved])

  const signedIn = me !== null
  return useCallback(
    (language: Language) => {
      rememberLanguage(language)
      void instance.changeLanguage(language)
      if (!signedIn) return
      // Switched here already; if saving fails, this browser keeps the choice and the server's stays as it was.
      api<Me>('/me', { method: 'PATCH', body: { language } }).then(onSaved, () => undefined)
    },
    [instance, signedIn, onSaved],
  )
}
