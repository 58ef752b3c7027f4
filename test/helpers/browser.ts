import { chromium, type Browser, type BrowserContext } from 'playwright-core'

/** Debian's Chromium; `npx playwright install` cannot download browsers on these machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
]

/** Launches headless Chromium; Playwright gives every launch a fresh, temporary profile. */
export async function launchBrowser(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS })
  return { browser, close: () => browser.close() }
}

/** A phone's screen (CSS pixels), as the phone tests use it. */
export const PHONE_VIEWPORT = { width: 390, height: 844 }

/**
 * A separate context per person: no shared cookies, storage or BroadcastChannel. `bypassCSP` switches the
 * page's Content-Security-Policy off, to test what the app's own escaping does without that second layer.
 * `phone` gives a phone's screen and a touch screen (a coarse pointer, taps); not Playwright's `isMobile`,
 * which widens the layout to fit a page that is too wide, and would hide that very fault.
 */
export async function newPersonContext(browser: Browser, options: { bypassCSP?: boolean; phone?: boolean } = {}): Promise<BrowserContext> {
  const { phone = false, ...rest } = options
  return browser.newContext({ viewport: phone ? PHONE_VIEWPORT : { width: 1400, height: 900 }, hasTouch: phone, ...rest })
}
