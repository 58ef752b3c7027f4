import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchBrowser } from '../helpers/browser'
import { signedInPage } from '../helpers/browserSession'
import { sel } from '../helpers/selectors'
import { startTestServer, type TestServer } from '../helpers/testServer'

let server: TestServer
let closeBrowser: () => Promise<void>
let a: Page
let b: Page

beforeAll(async () => {
  server = await startTestServer()
  const launched = await launchBrowser()
  closeBrowser = launched.close
  a = await signedInPage(launched.browser, server, { name: 'Ana Silva', org: 'MZ', role: 'editor' })
  b = await signedInPage(launched.browser, server, { name: 'Bjørn Berg', org: 'NO', role: 'editor' })
})

afterAll(async () => {
  await closeBrowser?.()
  await server?.stop()
})

/** Statement texts in order, without collaborators' caret labels. */
const statements = (page: Page) =>
  page.locator(`${sel.recommendation} ${sel.statement}`).evaluateAll((els) =>
    els.map((el) => {
      const copy = el.cloneNode(true) as Element
      copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove())
      return copy.textContent ?? ''
    }),
  )

describe('two people co-editing in Chromium', () => {
  it("A types in Recommendation 2; B sees the words and A's caret with A's name and org", async () => {
    const statement = a.locator(sel.recommendation).nth(1).locator(sel.statement)
    await statement.click()
    await a.keyboard.press('End')
    await a.keyboard.type(' Typed live by Ana.')
    await expect.poll(async () => (await statements(b))[1]).toMatch(/Typed live by Ana\.$/)
    const label = b.locator(sel.caretLabel, { hasText: 'Ana Silva · MZ' })
    await label.waitFor()
    expect(await label.count()).toBe(1)
    await a.locator(sel.saveState, { hasText: 'All changes saved' }).waitFor()
  })

  it('B moves Recommendation 3 up; both see the new order and numbering', async () => {
    const before = await statements(b)
    await b.locator(sel.recommendation).nth(2).locator(sel.statement).click()
    await b.click(sel.moveUp)
    const expected = [before[0], before[2], before[1], ...before.slice(3)]
    await b.waitForFunction((n) => document.querySelectorAll(n).length > 0, sel.recommendation)
    await expect.poll(() => statements(b)).toEqual(expected)
    await expect.poll(() => statements(a)).toEqual(expected)
    // Numbering is drawn from the order, on both screens: the moved one is now Recommendation 2.
    const labels = (page: typeof a) =>
      page.locator(sel.recommendation).evaluateAll((els) => els.map((el) => getComputedStyle(el, '::before').content))
    const numbered = expected.map((_, i) => `"Recommendation ${i + 1}"`)
    await expect.poll(() => labels(b)).toEqual(numbered)
    await expect.poll(() => labels(a)).toEqual(numbered)
    await b.locator(sel.saveState, { hasText: 'All changes saved' }).waitFor()
  })

  it('a reload keeps everything', async () => {
    const expected = await statements(a)
    await a.reload()
    await a.waitForSelector(sel.editor)
    await expect.poll(() => statements(a)).toEqual(expected)
    expect(expected[2]).toContain('Typed live by Ana.')
  })
})
