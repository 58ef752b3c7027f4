import type { Browser, Page } from 'playwright-core'
import type { Language } from '../../shared/i18n/languages'
import type { Role } from '../../shared/types'
import type { TestServer } from './testServer'
import { newPersonContext } from './browser'
import { sel } from './selectors'

/**
 * A person with their own browser context, signed in through a real one-time sign-in link; with `language`,
 * one who chose that interface language before (saved on the server, as the header's switcher does).
 */
export async function signedInPage(
  browser: Browser,
  server: TestServer,
  person: { name: string; org: string; role: Role; focalPoint?: boolean; language?: Language },
  path = `/d/${server.demoId}`,
  options: { bypassCSP?: boolean; phone?: boolean; beforeLoad?: (page: Page) => Promise<void> } = {},
): Promise<Page> {
  const { language, ...details } = person
  const participant = await server.participants.create(details)
  if (language) await server.participants.setLanguage(participant.id, language)
  const secret = await server.participants.invite(participant.id)
  const context = await newPersonContext(browser, { bypassCSP: options.bypassCSP ?? false, phone: options.phone ?? false })
  const page = await context.newPage()
  await options.beforeLoad?.(page)
  page.on('pageerror', (err) => {
    throw new Error(`${person.name}'s page threw: ${err.message}`)
  })
  await page.goto(`${server.url}/signin?next=${encodeURIComponent(path)}#${secret}`)
  await page.waitForURL(`${server.url}${path}`)
  if (path.startsWith('/d/') && !path.endsWith('/dashboard')) {
    await page.waitForSelector(sel.editor)
    // By its state, not its words: the page may be in any of the six languages.
    await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('data-state') === 'connected', sel.connectionState)
  }
  return page
}
