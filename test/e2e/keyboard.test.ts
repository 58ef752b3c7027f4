import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { signedInPage } from '../helpers/browserSession'
import { sel } from '../helpers/selectors'
import { highlighted, textWithoutCarets } from '../helpers/textSelection'
import { browserSuiteForThisFile } from '../helpers/browserSuite'

const { server, browser } = browserSuiteForThisFile()

/**
 * The keyboard in the editor: the skip link, Ctrl+Enter (Cmd+Enter) in every comment text box, and a
 * read-only draft that keeps a caret, so delegates and observers select words with Shift+Arrow and
 * Space does not scroll the page away.
 */
let delegate: Page
let observer: Page

beforeAll(async () => {
  delegate = await signedInPage(browser(), server(), { name: 'Amaka Obi', org: 'NG', role: 'commenter' })
  observer = await signedInPage(browser(), server(), { name: 'Olga Ivanova', org: 'LT', role: 'observer' })
})

const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-test') ?? null)
const selectedText = (page: Page) => page.evaluate(() => getSelection()?.toString() ?? '')
/** Resolves after three frames: time enough for the browser to start a scroll it was asked for. */
const afterFrames = (page: Page) =>
  page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(() => done())))))

describe('the keyboard in the editor', () => {
  it('the skip link is the first stop of Tab, shows itself, and puts the keyboard in the draft', async () => {
    const link = delegate.locator(sel.skipLink)
    // Out of sight until it has focus.
    const hidden = (await link.boundingBox())!
    expect(hidden.y + hidden.height).toBeLessThanOrEqual(0)
    await delegate.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await delegate.keyboard.press('Tab')
    expect(await focused(delegate)).toBe('skip-link')
    expect((await link.boundingBox())!.y).toBeGreaterThanOrEqual(0)
    expect(await link.textContent()).toBe('Skip to the draft')
    await delegate.keyboard.press('Enter')
    expect(await focused(delegate)).toBe('editor')
  })

  it('a delegate selects words with Shift+Arrow in the read-only draft, and the Comment button comments on them', async () => {
    expect(await delegate.locator(sel.readOnlyHint).textContent()).toContain('Ctrl+Alt+M')
    // The caret is in the draft (previous test); Ctrl+Home and the arrows move it like in any text.
    await delegate.keyboard.press('Control+Home')
    await delegate.keyboard.press('ArrowDown')
    for (let i = 0; i < 4; i++) await delegate.keyboard.press('Shift+ArrowRight')
    expect(await selectedText(delegate)).toBe('This')
    await delegate.keyboard.press('Control+Shift+ArrowRight')
    const words = await selectedText(delegate)
    expect(words.trim()).toBe('This draft')
    // Nothing of the text changed on the way.
    expect(await delegate.locator(sel.editor).getAttribute('aria-readonly')).toBe('true')

    await delegate.click(sel.commentButton)
    expect(await delegate.locator(sel.composerQuote).textContent()).toBe(words)
    await delegate.keyboard.type('Say which draft: the consultation draft.')
    await delegate.keyboard.press('Control+Enter')
    await delegate.locator(sel.threadById('NG-001')).waitFor()
    await delegate.locator(sel.composer).waitFor({ state: 'detached' })
    await expect.poll(() => highlighted(delegate, 'NG-001')).toBe(words)
  })

  it('Ctrl+Enter sends a reply, but not an empty one; Cmd+Enter saves an edit', async () => {
    const thread = delegate.locator(sel.threadById('NG-001'))
    await thread.locator(sel.replyButton).click()
    await delegate.keyboard.press('Control+Enter')
    await afterFrames(delegate)
    expect(await thread.locator(sel.replyBody).count()).toBe(1)
    await delegate.keyboard.type('And give its date.')
    await delegate.keyboard.press('Control+Enter')
    await thread.locator('[data-test=comment-reply]', { hasText: 'And give its date.' }).waitFor()
    expect(await thread.locator(sel.replyBody).count()).toBe(0)

    await thread.locator(sel.editButton).click()
    await thread.locator(sel.editBody).fill('Say which draft, with its date.')
    await delegate.keyboard.press('Meta+Enter')
    await expect.poll(() => thread.locator(sel.commentBody).textContent()).toBe('Say which draft, with its date.')
    expect(await thread.locator(sel.editForm).count()).toBe(0)
  })

  it('Space in the read-only draft neither types nor scrolls the page', async () => {
    const statement = delegate.locator(sel.recommendation).nth(3).locator(sel.statement)
    await statement.scrollIntoViewIfNeeded()
    await statement.click()
    const before = { y: await delegate.evaluate(() => scrollY), text: await textWithoutCarets(delegate.locator(sel.editor)) }
    await delegate.keyboard.press('Space')
    await afterFrames(delegate)
    expect(await delegate.evaluate(() => scrollY)).toBe(before.y)
    await delegate.keyboard.type('typed')
    await delegate.keyboard.press('Enter')
    await afterFrames(delegate)
    expect(await textWithoutCarets(delegate.locator(sel.editor))).toBe(before.text)
  })

  it('an observer selects words with Shift+Arrow too', async () => {
    await observer.locator(sel.recommendation).first().locator(sel.statement).click({ position: { x: 2, y: 2 } })
    await observer.keyboard.press('Home')
    for (let i = 0; i < 7; i++) await observer.keyboard.press('Shift+ArrowRight')
    expect(await selectedText(observer)).toBe('Offices')
    expect(await observer.locator(sel.commentButton).count()).toBe(0)
  })
})
