import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Comment } from '../../shared/types'
import { signedInPage } from '../helpers/browserSession'
import { browserSuiteForThisFile } from '../helpers/browserSuite'
import { commentApi } from '../helpers/commentApi'
import { sel } from '../helpers/selectors'
import { textWithoutCarets } from '../helpers/textSelection'

/**
 * Issue 11 in Chromium: the chair applies Norway's proposal with a preview, as their own edit (Ctrl+Z
 * takes it back), reverts it; Mexico's overlapping proposal is then outdated and its preview shows only
 * Mexico's own words; deciding "Not accepted" needs a reason, and the Mexican delegate's open window
 * tells them at once.
 */

const { server, browser } = browserSuiteForThisFile()

const ORIGINAL = 'Offices should move their core procedures to end-to-end electronic processing, from filing to publication and renewal.'
let chair: Page
let mexico: Page
let no: Comment
let mx: Comment

const statement = (page: Page) => textWithoutCarets(page.locator(sel.recommendation).first().locator(sel.statement))
const thread = (page: Page, c: Comment) => page.locator(sel.threadById(c.id))

beforeAll(async () => {
  chair = await signedInPage(browser(), server(), { name: 'Claire Chair', org: 'WIPO', role: 'chair' })
  mexico = await signedInPage(browser(), server(), { name: 'Mateo Ruiz', org: 'MX', role: 'commenter' })
  // Mexico's comment is made by the delegate whose window is open, so the notice is theirs.
  const mateo = (await server().participants.list()).find((p) => p.name === 'Mateo Ruiz')!
  const noApi = commentApi(server().url, await server().token('commenter', 'Kari Nordmann', 'NO'))
  const mxApi = commentApi(server().url, await server().participants.createApiToken(mateo.id))
  no = await noApi.comment(server().demoId, { type: 'editorial', body: 'Plainer.', anchor: { quote: 'end-to-end electronic processing' }, proposedChange: 'fully digital handling' })
  mx = await mxApi.comment(server().demoId, {
    type: 'technical',
    body: 'Grant, not publication.',
    anchor: { quote: 'electronic processing, from filing to publication' },
    proposedChange: 'digital processing, from filing to grant',
  })
  await thread(chair, mx).waitFor()
  await thread(mexico, mx).waitFor()
})

describe('applying and deciding in Chromium', () => {
  it('Apply shows the words now and after, then makes the chair’s own edit, which Ctrl+Z takes back', async () => {
    await thread(chair, no).click()
    await thread(chair, no).locator(sel.applyButton).click()
    const preview = thread(chair, no).locator(sel.applyPreview)
    expect(await preview.locator(sel.applyBefore).textContent()).toBe('end-to-end electronic processing')
    expect(await preview.locator(sel.applyAfter).textContent()).toBe('fully digital handling')
    await preview.locator(sel.applyConfirm).click()
    await expect.poll(() => statement(chair)).toBe(ORIGINAL.replace('end-to-end electronic processing', 'fully digital handling'))
    await thread(chair, no).locator(sel.commentApplied).waitFor()
    await expect.poll(() => statement(mexico)).toContain('fully digital handling')

    await chair.locator(sel.recommendation).first().locator(sel.statement).click()
    await chair.keyboard.press('Control+z')
    await expect.poll(() => statement(chair)).toBe(ORIGINAL)
    await expect.poll(() => statement(mexico)).toBe(ORIGINAL)
  })

  it('Revert puts the old words back while the applied ones are unchanged', async () => {
    // Taken back with Ctrl+Z, the proposal can be applied again; then reverted.
    await thread(chair, no).locator(sel.applyButton).click()
    await thread(chair, no).locator(sel.applyConfirm).click()
    await expect.poll(() => statement(chair)).toContain('fully digital handling')
    await thread(chair, no).locator(sel.revertButton).click()
    await expect.poll(() => statement(chair)).toBe(ORIGINAL)
    await expect.poll(() => thread(chair, no).locator(sel.commentApplied).count()).toBe(0)
    // Applied once more, for the overlapping proposal below.
    await thread(chair, no).locator(sel.applyButton).click()
    await thread(chair, no).locator(sel.applyConfirm).click()
    await expect.poll(() => statement(chair)).toContain('fully digital handling')
  })

  it('the overlapping proposal is outdated, and its preview replaces only its own remaining words', async () => {
    await thread(chair, mx).locator(sel.commentOutdated).waitFor()
    await thread(chair, mx).click()
    await thread(chair, mx).locator(sel.applyButton).click()
    const preview = thread(chair, mx).locator(sel.applyPreview)
    expect(await preview.locator(sel.applyBefore).textContent()).toBe(', from filing to publication')
    expect(await preview.locator(sel.applyConfirm).textContent()).toBe('Apply anyway')
    await preview.getByRole('button', { name: 'Cancel' }).click()
    // Mexico's highlight did not grow over Norway's applied words.
    expect(await chair.locator(sel.highlight(mx.id)).allTextContents()).toEqual([', from filing to publication'])
  })

  it('"Not accepted" needs a reason; the delegate’s window says what was decided and why', async () => {
    await thread(chair, mx).locator(sel.resolveButton).click()
    const submit = thread(chair, mx).locator(sel.resolveSubmit)
    expect(await submit.isDisabled(), 'no decision is chosen for the chair').toBe(true)
    await thread(chair, mx).locator(sel.resolveDisposition).selectOption('not-accepted')
    expect(await submit.isDisabled(), 'a reason is needed').toBe(true)
    await thread(chair, mx).locator(sel.resolveReasonHint).waitFor()
    await thread(chair, mx).locator(sel.resolveNote).fill('Publication is the step the Recommendation is about.')
    await submit.click()
    const notice = mexico.locator(sel.decisionNotice(mx.id))
    await notice.waitFor()
    expect(await notice.textContent()).toContain('Not accepted')
    expect(await notice.textContent()).toContain('Publication is the step the Recommendation is about.')
  })
})
