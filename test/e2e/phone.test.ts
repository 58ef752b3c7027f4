import { beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { PHONE_VIEWPORT, newPersonContext } from '../helpers/browser'
import { signedInPage } from '../helpers/browserSession'
import { commentApi } from '../helpers/commentApi'
import { sel } from '../helpers/selectors'
import { browserSuiteForThisFile } from '../helpers/browserSuite'

const { server, browser } = browserSuiteForThisFile()

/**
 * Accord on a phone (390 × 844, a touch screen): no page is wider than the screen, the dashboard's list
 * is a column of cards with every field and the chair's Resolve within reach, tapping a highlight shows
 * its thread (listed under the draft), and delegates are not told about keyboard shortcuts.
 */
let chair: Page
let delegate: Page
const ids: Record<string, string> = {}
const PROPOSAL = 'documented ICT strategy'

beforeAll(async () => {
  const no = commentApi(server().url, await server().token('commenter', 'Ola Nordmann', 'NO'))
  ids.technical = (await no.comment(server().demoId, { type: 'technical', body: 'Define end-to-end for renewals.', anchor: { quote: 'end-to-end electronic processing' } })).id
  ids.proposal = (
    await no.comment(server().demoId, { type: 'editorial', body: 'Prefer a different adjective.', anchor: { quote: 'written ICT strategy' }, proposedChange: PROPOSAL })
  ).id
  ids.general = (await no.comment(server().demoId, { type: 'general', body: 'Say how offices report their progress.' })).id
  chair = await signedInPage(browser(), server(), { name: 'Claire Chair', org: 'WIPO', role: 'chair' }, '/', { phone: true })
  delegate = await signedInPage(browser(), server(), { name: 'Nora Dahl', org: 'NO', role: 'commenter' }, `/d/${server().demoId}`, { phone: true })
})

/** How far the page reaches beyond the screen's right edge (0 when it does not scroll sideways). */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)

/** Whether every part of an element lies within the screen's width. */
const withinScreenWidth = (target: Locator) =>
  target.evaluate((el) =>
    [el, ...el.querySelectorAll('*')].every((e) => {
      const box = e.getBoundingClientRect()
      return box.width === 0 || (box.left >= 0 && box.right <= window.innerWidth)
    }),
  )

const goTo = async (page: Page, path: string) => {
  await page.goto(`${server().url}${path}`)
  await page.waitForURL(`${server().url}${path}`)
}

describe('on a phone', () => {
  it('the sign-in page fits the screen and shows no server command', async () => {
    const context = await newPersonContext(browser(), { phone: true })
    const visitor = await context.newPage()
    await visitor.goto(`${server().url}/signin`)
    await visitor.getByText('How to sign in').waitFor()
    expect(visitor.viewportSize()).toEqual(PHONE_VIEWPORT)
    expect(await sideways(visitor)).toBeLessThanOrEqual(0)
    expect(await visitor.locator('body').textContent()).not.toContain('npm run')
    await context.close()
  })

  it('the drafts list fits the screen', async () => {
    await chair.locator(sel.draftLink).first().waitFor()
    expect(await sideways(chair)).toBeLessThanOrEqual(0)
  })

  it('the participants page fits the screen, and the invite form starts again from Commenter', async () => {
    await goTo(chair, '/participants')
    await chair.locator(sel.participantRow).first().waitFor()
    expect(await sideways(chair)).toBeLessThanOrEqual(0)
    await chair.fill(sel.inviteName, 'Erik Editor')
    await chair.fill(sel.inviteOrg, 'EPO')
    await chair.selectOption(sel.inviteRole, 'editor')
    await chair.locator(sel.inviteSubmit).tap()
    await chair.locator(sel.inviteLink).waitFor()
    expect(await chair.locator(sel.inviteLink).textContent()).toContain('Erik Editor')
    expect(await chair.locator(sel.inviteRole).inputValue()).toBe('commenter')
    await chair.locator(sel.participantRow, { hasText: 'Erik Editor' }).waitFor()
    expect(await sideways(chair)).toBeLessThanOrEqual(0)
  })

  it('the editor fits the screen for the chair', async () => {
    await goTo(chair, `/d/${server().demoId}`)
    await chair.locator(sel.threadById(ids.proposal!)).waitFor()
    expect(await sideways(chair)).toBeLessThanOrEqual(0)
  })

  it('the editor fits the screen for a delegate, whose hint names no keyboard shortcut', async () => {
    await delegate.locator(sel.threadById(ids.proposal!)).waitFor()
    expect(await sideways(delegate)).toBeLessThanOrEqual(0)
    const hint = await delegate.locator(sel.readOnlyHint).textContent()
    expect(hint).toContain('tap Comment')
    expect(hint).not.toContain('Ctrl')
  })

  it("tapping a highlight in the draft shows its thread, listed under the draft", async () => {
    const passage = delegate.locator(sel.highlight(ids.proposal!)).first()
    await passage.scrollIntoViewIfNeeded()
    const thread = delegate.locator(sel.threadById(ids.proposal!))
    const inView = async () => {
      const box = await thread.boundingBox()
      return box !== null && box.y >= 0 && box.y < PHONE_VIEWPORT.height
    }
    expect(await inView()).toBe(false)
    await passage.tap()
    await expect.poll(inView).toBe(true)
    await delegate.locator(sel.activeThreadById(ids.proposal!)).waitFor()
    expect(await delegate.evaluate(() => document.activeElement?.getAttribute('data-comment-id'))).toBe(ids.proposal)
  })

  it('the dashboard is a column of cards with every field, within the screen', async () => {
    await goTo(chair, `/d/${server().demoId}/dashboard`)
    const card = chair.locator(sel.commentRowById(ids.proposal!))
    await card.waitFor()
    expect(await sideways(chair)).toBeLessThanOrEqual(0)
    expect(await withinScreenWidth(card)).toBe(true)
    // Each field is on the card under the name of its column.
    for (const [label, value] of [
      ['Member State', 'NO'],
      ['Location', 'Recommendation 2'],
      ['Type', 'Editorial'],
      ['Comment', 'Prefer a different adjective.'],
      ['Status', 'Open'],
    ] as const) {
      const field = card.locator(sel.cardField(label))
      expect(await field.isVisible(), label).toBe(true)
      expect(await field.evaluate((el) => getComputedStyle(el, '::before').content), label).toBe(`"${label}: "`)
      expect(await field.textContent(), label).toContain(value)
    }
    const comment = await card.locator(sel.cardField('Comment')).textContent()
    expect(comment).toContain('written ICT strategy')
    expect(comment).toContain(PROPOSAL)
    expect(await card.locator(sel.rowOpen).textContent()).toBe(ids.proposal)
    expect(await card.textContent()).toContain('Ola Nordmann')
  })

  it("the chair resolves from a card without scrolling sideways", async () => {
    const card = chair.locator(sel.commentRowById(ids.proposal!))
    const resolve = card.locator(sel.resolveButton)
    expect(await withinScreenWidth(resolve)).toBe(true)
    await resolve.tap()
    const form = chair.locator(sel.resolveNote)
    await form.waitFor()
    expect(await withinScreenWidth(chair.locator(sel.resolveForm))).toBe(true)
    await chair.selectOption(sel.resolveDisposition, 'accepted-with-modification')
    await form.fill('Taken up as "documented and approved ICT strategy".')
    await chair.locator(sel.resolveSubmit).tap()
    await card.locator(sel.rowStatus, { hasText: 'Resolved' }).waitFor()
    expect(await card.locator(sel.rowDisposition).textContent()).toBe('Accepted with modification')
    expect(await withinScreenWidth(card)).toBe(true)
    expect(await sideways(chair)).toBeLessThanOrEqual(0)
  })
})
