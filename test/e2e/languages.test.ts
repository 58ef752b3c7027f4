import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { LANGUAGES, LANGUAGE_NAMES, directionOf } from '../../shared/i18n/languages'
import type { Me } from '../../shared/types'
import { newPersonContext } from '../helpers/browser'
import { signedInPage } from '../helpers/browserSession'
import { browserSuiteForThisFile } from '../helpers/browserSuite'
import { sel } from '../helpers/selectors'
import { browserText } from '../helpers/translations'

const { server, browser } = browserSuiteForThisFile()

/**
 * The interface in each of the six languages: the switcher in the header changes it at once (`<html lang
 * dir>`, the labels), the choice is saved on the server for the participant, the sign-in page starts in the
 * browser's own language, and a draft is created in a language that the list then shows.
 */
let chair: Page
const htmlLangDir = (page: Page) => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])
const savedLanguage = (page: Page) => page.evaluate(async () => ((await (await fetch('/api/me')).json()) as Me).language)

beforeAll(async () => {
  chair = await signedInPage(browser(), server(), { name: 'Claire Chair', org: 'WIPO', role: 'chair' }, '/')
  await chair.locator(sel.draftLink).first().waitFor()
})

describe('the interface in six languages', () => {
  it('starts in the browser’s language (English here), with nothing saved yet', async () => {
    expect(await htmlLangDir(chair)).toEqual(['en', 'ltr'])
    expect(await chair.locator('h1').textContent()).toBe('Drafts')
    expect(await savedLanguage(chair)).toBeNull()
  })

  for (const language of LANGUAGES) {
    it(`switches to ${LANGUAGE_NAMES[language]}: lang, dir and the labels follow, and the server keeps the choice`, async () => {
      const t = browserText(language)
      await chair.selectOption(sel.languageSwitcher, language)
      await expect.poll(() => htmlLangDir(chair)).toEqual([language, directionOf(language)])
      expect(await chair.locator('h1').textContent()).toBe(t('drafts.heading'))
      expect(await chair.locator('.app-nav a').nth(1).textContent()).toBe(t('app.participants'))
      expect(await chair.locator(sel.draftPhase).first().textContent()).toBe(t('phase.drafting'))
      expect(await chair.getByRole('button', { name: t('app.signOut') }).count()).toBe(1)
      // Each option names its language in that language, marked with its lang for screen readers.
      expect(await chair.locator(`${sel.languageSwitcher} option[value=${language}]`).getAttribute('lang')).toBe(language)
      await expect.poll(() => savedLanguage(chair)).toBe(language)
      console.log(`${language}: <html lang="${language}" dir="${directionOf(language)}">, h1 "${t('drafts.heading')}"`)
    })
  }

  it('the saved choice wins in another browser, whatever that browser prefers', async () => {
    await chair.selectOption(sel.languageSwitcher, 'ru')
    await expect.poll(() => savedLanguage(chair)).toBe('ru')
    const context = await newPersonContext(browser())
    const page = await context.newPage()
    // The same participant signing in on a Spanish browser.
    await context.addInitScript(() => Object.defineProperty(navigator, 'languages', { get: () => ['es-ES', 'es'] }))
    const me = (await server().participants.list()).find((p) => p.name === 'Claire Chair')!
    await page.goto(`${server().url}/signin?next=%2F#${await server().participants.invite(me.id)}`)
    await page.waitForURL(`${server().url}/`)
    await expect.poll(() => htmlLangDir(page)).toEqual(['ru', 'ltr'])
    expect(await page.locator('h1').textContent()).toBe(browserText('ru')('drafts.heading'))
    await context.close()
  })

  it('before signing in, the sign-in page speaks the browser’s first language Accord has', async () => {
    const context = await newPersonContext(browser())
    await context.addInitScript(() => Object.defineProperty(navigator, 'languages', { get: () => ['de-CH', 'ar-EG', 'en'] }))
    const page = await context.newPage()
    await page.goto(`${server().url}/signin`)
    await page.locator('h2').waitFor()
    expect(await htmlLangDir(page)).toEqual(['ar', 'rtl'])
    expect(await page.locator('h2').textContent()).toBe(browserText('ar')('signin.howTitle'))
    // Switched there, it is remembered in that browser until someone signs in.
    await page.selectOption(sel.languageSwitcher, 'zh')
    await page.reload()
    await page.locator('h2').waitFor()
    expect(await htmlLangDir(page)).toEqual(['zh', 'ltr'])
    expect(await page.locator('h2').textContent()).toBe(browserText('zh')('signin.howTitle'))
    await context.close()
  })

  it('a draft is created in a language: its template speaks it and the list says it', async () => {
    await chair.selectOption(sel.languageSwitcher, 'en')
    await expect.poll(() => htmlLangDir(chair)).toEqual(['en', 'ltr'])
    const form = chair.locator(sel.createDraftForm)
    await form.locator('#new-draft-title').fill('Recommandations sur les données')
    expect(await chair.locator(sel.newDraftLanguage).inputValue()).toBe('en')
    await chair.selectOption(sel.newDraftLanguage, 'fr')
    await form.locator('button[type=submit]').click()
    await chair.waitForURL(/\/d\//)
    await chair.locator(`${sel.editor} h1`, { hasText: 'Recommandations' }).waitFor()
    expect(await chair.locator(sel.editor).textContent()).toContain('Expliquez l’objet des présentes recommandations')
    await chair.goto(`${server().url}/`)
    const item = chair.locator(sel.draftItem, { hasText: 'Recommandations sur les données' })
    expect(await item.locator(sel.draftLanguage).getAttribute('data-language')).toBe('fr')
    expect(await item.locator(sel.draftLanguage).textContent()).toContain('Français')
  })
})
