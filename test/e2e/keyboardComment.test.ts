import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { signedInPage } from '../helpers/browserSession'
import { sel } from '../helpers/selectors'
import { highlighted } from '../helpers/textSelection'
import { browserSuiteForThisFile } from '../helpers/browserSuite'

const { server, browser } = browserSuiteForThisFile()

/**
 * A delegate who uses only the keyboard comments on exact wording: with nothing selected, Ctrl+Alt+M
 * asks for the words, the server finds them in the chosen recommendation, and the comment is drawn
 * on them. Words the draft does not contain get a clear message and create nothing.
 */
let delegate: Page

beforeAll(async () => {
  delegate = await signedInPage(browser(), server(), { name: 'Amaka Obi', org: 'NG', role: 'commenter' })
})


/** Presses Tab until the element with this data-test attribute has focus. */
async function tabTo(page: Page, dataTest: string, maxPresses = 40): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if ((await page.evaluate(() => document.activeElement?.getAttribute('data-test'))) === dataTest) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`${dataTest} was not reached with ${maxPresses} presses of Tab`)
}

describe('commenting with the keyboard only', () => {
  it('the draft itself can be reached with Tab, read-only', async () => {
    await delegate.locator(sel.readOnlyHint).waitFor()
    await tabTo(delegate, 'editor')
    expect(await delegate.locator(sel.editor).getAttribute('aria-readonly')).toBe('true')
  })

  it('Ctrl+Alt+M with nothing selected asks for the words; the comment lands on them', async () => {
    await delegate.keyboard.press('Control+Alt+m')
    await delegate.locator(sel.composerWording).waitFor()
    expect(await delegate.evaluate(() => document.activeElement?.getAttribute('data-test'))).toBe('composer-wording')
    await delegate.keyboard.type('written ICT strategy')
    await delegate.selectOption(sel.composerScope, '2')
    await delegate.fill(sel.composerBody, 'Also cover the budget cycle.')
    await delegate.keyboard.press('Tab')
    await tabTo(delegate, 'composer-submit')
    await delegate.keyboard.press('Enter')
    await delegate.locator(sel.threadById('NG-001')).waitFor()
    await expect.poll(() => highlighted(delegate, 'NG-001')).toBe('written ICT strategy')
    expect(await delegate.locator(`${sel.threadById('NG-001')} ${sel.commentLocator}`).textContent()).toBe('Recommendation 2')
  })

  it('words the draft does not contain get a clear message, and nothing is created', async () => {
    await delegate.keyboard.press('Control+Alt+m')
    await delegate.locator(sel.composerWording).fill('a sentence nobody wrote')
    await delegate.fill(sel.composerBody, 'This should not be stored.')
    await delegate.click(sel.composerSubmit)
    const alert = delegate.locator(sel.composerError)
    await alert.waitFor()
    expect(await alert.textContent()).toMatch(/could not find the quoted text/i)
    const res = await fetch(`${server().url}/api/documents/${server().demoId}/comments`, {
      headers: { authorization: `Bearer ${await server().token('observer')}` },
    })
    expect(((await res.json()) as unknown[]).length).toBe(1)
  })

  it('asked from inside a recommendation, a general comment is still on the whole draft; words are looked for there', async () => {
    await delegate.keyboard.press('Escape')
    await delegate.locator(sel.composer).waitFor({ state: 'detached' })
    await delegate.locator(sel.recommendation).nth(2).locator(sel.statement).click()
    await delegate.click(sel.generalCommentButton)
    expect(await delegate.locator(sel.composerScope).inputValue()).toBe('0')
    await delegate.keyboard.press('Escape')
    await delegate.locator(sel.composer).waitFor({ state: 'detached' })
    await delegate.locator(sel.recommendation).nth(2).locator(sel.statement).click()
    await delegate.click(sel.wordingCommentButton)
    expect(await delegate.locator(sel.composerScope).inputValue()).toBe('3')
  })
})
