import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Comment } from '../../shared/types'
import { signedInPage } from '../helpers/browserSession'
import { browserSuiteForThisFile } from '../helpers/browserSuite'
import { commentApi } from '../helpers/commentApi'
import { rawRequest } from '../helpers/rawHttp'
import { sel } from '../helpers/selectors'
import { selectText, textWithoutCarets } from '../helpers/textSelection'

/**
 * Issue 14 in Chromium, two people: a Norwegian delegate switches on "Suggest changes", selects words and
 * types a replacement, then posts it; the Task Force member's window draws it in the text as <del> and
 * <ins> within 300 ms; they accept it with a preview, the text changes, Ctrl+Z takes it back; Mexico's
 * overlapping alternative is then outdated.
 */

const { server, browser } = browserSuiteForThisFile()
const WORDS = 'end-to-end electronic processing'
const TYPED = 'fully digital handling'
let documentId: string
let delegate: Page
let editor: Page
let mexico: Comment
let suggestion: Comment

const statement = (page: Page) => textWithoutCarets(page.locator(sel.recommendation).first().locator(sel.statement))

beforeAll(async () => {
  documentId = await server().openDraft('Suggesting in Chromium')
  const mx = commentApi(server().url, await server().token('commenter', 'Luis Romero', 'MX'))
  mexico = await mx.comment(documentId, { type: 'editorial', body: 'Say digital.', anchor: { quote: 'electronic processing' }, proposedChange: 'digital processing' })
  delegate = await signedInPage(browser(), server(), { name: 'Kari Nordmann', org: 'NO', role: 'commenter' }, `/d/${documentId}`)
  // The secretariat's window: a chair applies (as an editor could) and decides the alternative.
  editor = await signedInPage(browser(), server(), { name: 'Claire Chair', org: 'WIPO', role: 'chair' }, `/d/${documentId}`)
})

describe('suggesting mode in Chromium', () => {
  it('everyone sees the proposals already made, in the text, by Member State', async () => {
    await delegate.locator(sel.proposalIns(mexico.id)).waitFor()
    expect(await delegate.locator(sel.proposalIns(mexico.id)).textContent()).toBe('digital processing')
    expect((await delegate.locator(sel.proposalDel(mexico.id)).allTextContents()).join('')).toBe('electronic processing')
    await delegate.click(sel.proposalsToggle)
    await expect.poll(() => delegate.locator(sel.proposalIns(mexico.id)).count()).toBe(0)
    await delegate.click(sel.proposalsToggle)
    await delegate.locator(sel.proposalIns(mexico.id)).waitFor()
  })

  it('the delegate types a replacement over selected words; the draft does not change; it survives a reload', async () => {
    const before = await statement(delegate)
    await delegate.click(sel.suggestToggle)
    expect(await delegate.locator(sel.suggestToggle).getAttribute('aria-pressed')).toBe('true')
    await selectText(delegate.locator(sel.recommendation).first().locator(sel.statement), WORDS)
    await delegate.keyboard.type('fully digital handlinx')
    await delegate.keyboard.press('Backspace')
    await delegate.keyboard.type('g')
    await expect.poll(() => delegate.locator(sel.pendingIns).textContent()).toBe(TYPED)
    expect((await delegate.locator(sel.pendingDel).allTextContents()).join('')).toBe(WORDS)
    // Only drawn: the words themselves are all still there, for this window and for the editor's.
    expect((await statement(editor)).replace(/digital processing/, '')).toBe(before.replace(/digital processing/, ''))
    await delegate.screenshot({ path: '/tmp/accord-suggesting-pending.png' })
    await delegate.reload()
    await delegate.locator(sel.pendingSuggestion).waitFor()
    expect(await delegate.locator(sel.pendingIns).textContent()).toBe(TYPED)
  })

  it('posting it makes a comment, drawn in the editor’s window as <del> and <ins> within 300 ms', async () => {
    await delegate.locator(sel.postSuggestion).first().click()
    expect(await delegate.locator(sel.composerProposal).inputValue()).toBe(TYPED)
    expect(await delegate.locator(sel.composerQuote).textContent()).toBe(WORDS)
    const answered = delegate.waitForResponse((r) => r.url().endsWith(`/api/documents/${documentId}/comments`) && r.request().method() === 'POST')
    await delegate.locator(sel.composerSubmit).click()
    suggestion = (await (await answered).json()) as Comment
    const postedAt = await delegate.evaluate(() => performance.timeOrigin + performance.now())
    await editor.locator(sel.proposalIns(suggestion.id)).waitFor()
    const drawnAt = await editor.evaluate(() => performance.timeOrigin + performance.now())
    console.log(`suggestion ${suggestion.id} drawn in the editor's window ${Math.round(drawnAt - postedAt)} ms after the answer`)
    expect(drawnAt - postedAt).toBeLessThanOrEqual(300)
    expect((await editor.locator(sel.proposalDel(suggestion.id)).allTextContents()).join('')).toBe(WORDS)
    expect(await editor.locator(sel.proposalIns(suggestion.id)).textContent()).toBe(TYPED)
    await expect.poll(() => delegate.locator(sel.pendingSuggestion).count()).toBe(0)
    expect(suggestion).toMatchObject({ quote: WORDS, proposedChange: TYPED, type: 'editorial' })
  })

  it('the editor accepts with a preview; the text changes; Ctrl+Z restores it; the alternative is outdated', async () => {
    const thread = editor.locator(sel.threadById(suggestion.id))
    await thread.click()
    await thread.locator(sel.applyButton).click()
    const preview = thread.locator(sel.applyPreview)
    expect(await preview.locator(sel.applyBefore).textContent()).toBe(WORDS)
    expect(await preview.locator(sel.applyAfter).textContent()).toBe(TYPED)
    // Mexico's proposal is on some of the same words: offered to decide in the same step.
    expect(await preview.locator(sel.alternativeDecide).count()).toBe(1)
    await preview.locator(sel.applyConfirm).click()
    await expect.poll(() => statement(editor)).toContain(TYPED)
    await expect.poll(() => statement(delegate)).toContain(TYPED)
    await editor.locator(sel.threadById(mexico.id)).locator(sel.commentOutdated).waitFor()
    await editor.screenshot({ path: '/tmp/accord-suggesting-accepted.png' })
    await editor.locator(sel.editor).click()
    await editor.keyboard.press('Control+z')
    await expect.poll(() => statement(editor)).toContain(WORDS)
    await expect.poll(() => statement(delegate)).toContain(WORDS)
  })

  it('Reject decides a proposal Not accepted, with the reason it requires', async () => {
    const thread = editor.locator(sel.threadById(mexico.id))
    await thread.click()
    await thread.locator(sel.rejectButton).click()
    expect(await thread.locator(sel.rejectConfirm).isDisabled(), 'a reason is needed').toBe(true)
    await thread.locator(sel.rejectReason).fill('Norway’s wording was accepted instead.')
    await thread.locator(sel.rejectConfirm).click()
    const observer = await server().token('observer', 'Olga Observer', 'LT')
    const decided = async () => (await rawRequest(server().url, `/api/documents/${documentId}/comments/${mexico.id}`, { token: observer })).json as Comment
    await expect.poll(async () => (await decided()).resolution?.disposition).toBe('not-accepted')
    expect((await decided()).resolution?.note).toBe('Norway’s wording was accepted instead.')
    // A decided proposal is no longer drawn in the text.
    await expect.poll(() => editor.locator(sel.proposalIns(mexico.id)).count()).toBe(0)
  })
})
