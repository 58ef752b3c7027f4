import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { demoDraftContent } from '../../server/demo/demoDraft'
import { signedInPage } from '../helpers/browserSession'
import { browserSuiteForThisFile } from '../helpers/browserSuite'
import { sel } from '../helpers/selectors'

/**
 * Issue 13 in Chromium: the chair sends the draft for comment with a short deadline; the delegate sees
 * the countdown and comments; at the deadline the delegate's window says comments are closed; the chair
 * cannot adopt while the comment is undecided, decides it, and adopts.
 */

const { server, browser } = browserSuiteForThisFile()
/** Long enough to comment in, short enough to wait for. */
const DEADLINE_IN_MS = 15_000
let documentId: string
let chair: Page
let delegate: Page

/** A date as the datetime-local input takes it, in this machine's (and so the browser's) time zone. */
function localInput(ms: number): string {
  const d = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

beforeAll(async () => {
  documentId = (await server().documents.createWithContent('Draft for circular', demoDraftContent())).id
  chair = await signedInPage(browser(), server(), { name: 'Claire Chair', org: 'WIPO', role: 'chair' }, `/d/${documentId}`)
  delegate = await signedInPage(browser(), server(), { name: 'Kari Nordmann', org: 'NO', role: 'commenter' }, `/d/${documentId}`)
})

describe('a consultation round in Chromium', () => {
  it('before the circular, the delegate reads and cannot comment', async () => {
    await expect.poll(() => delegate.locator(sel.phaseBanner).getAttribute('data-phase')).toBe('drafting')
    expect(await delegate.locator(sel.generalCommentButton).count()).toBe(0)
  })

  it('the chair sends the draft for comment; the delegate sees the countdown and comments', async () => {
    await chair.click(sel.phaseOpenConsultation)
    await chair.fill(sel.consultationReference, 'C.CWS 180')
    await chair.fill(sel.consultationDeadline, localInput(Date.now() + DEADLINE_IN_MS))
    await chair.click(sel.consultationSend)
    await expect.poll(() => chair.locator(sel.phaseBanner).getAttribute('data-phase')).toBe('consultation')
    // The editor's own text is frozen too.
    await expect.poll(() => chair.locator(sel.editor).getAttribute('aria-readonly')).toBe('true')
    await expect.poll(() => delegate.locator(sel.phaseBanner).getAttribute('data-phase')).toBe('consultation')
    await delegate.locator(sel.phaseCountdown).waitFor()
    expect(await delegate.locator(sel.phaseCountdown).textContent()).toMatch(/\d+ seconds? left/)
    await delegate.click(sel.generalCommentButton)
    await delegate.fill(sel.composerBody, 'Please define “end-to-end”.')
    await delegate.click(sel.composerSubmit)
    await delegate.locator(sel.threadById('NO-001')).waitFor()
  })

  it('at the deadline the delegate’s window says comments are closed, without a reload', async () => {
    await expect.poll(() => delegate.locator(sel.phaseDetail).textContent(), { timeout: DEADLINE_IN_MS + 10_000 }).toMatch(/closed/)
    await expect.poll(() => delegate.locator(sel.generalCommentButton).count()).toBe(0)
    await expect.poll(() => delegate.locator(sel.phaseBanner).getAttribute('data-phase')).toBe('resolution')
  })

  it('the chair cannot adopt while the comment is undecided, and decides it', async () => {
    await expect.poll(() => chair.locator(sel.phaseBanner).getAttribute('data-phase')).toBe('resolution')
    await chair.click(sel.phaseTo('adopted'))
    await expect.poll(() => chair.locator(sel.phaseError).textContent()).toContain('NO-001')
    const thread = chair.locator(sel.threadById('NO-001'))
    await thread.click()
    await thread.locator(sel.resolveButton).click()
    await thread.locator(sel.resolveDisposition).selectOption('noted')
    await thread.locator(sel.resolveSubmit).click()
    await expect.poll(() => thread.locator(sel.commentStatus).textContent()).toBe('Noted')
  })

  it('the chair revises the text and reads the summary of the changes from the dashboard', async () => {
    await chair.locator(`${sel.recommendation} >> nth=1`).locator(sel.statement).click()
    await chair.keyboard.press('End')
    await chair.keyboard.type(' Revised wording.')
    await chair.locator(sel.saveState, { hasText: 'All changes saved' }).waitFor()
    await chair.goto(`${server().url}/d/${documentId}/dashboard`)
    await chair.click(sel.openChanges)
    await chair.locator(sel.changesSummary).waitFor()
    const summary = await chair.locator(sel.changesSummary).textContent()
    expect(summary).toMatch(/Recommendation 2: \d+ words inserted by Claire Chair \(WIPO\)/)
    expect(summary).toContain('1 comment: 1 noted')
    expect(await chair.locator(sel.changesTable).textContent()).toMatch(/Recommendation 2Modified: \d+ words inserted.*Claire Chair \(WIPO\)/)
    // A general comment is listed under the table, with its decision.
    expect(await chair.locator(sel.changesPage).textContent()).toContain('NO-001 (ge): Noted — General')
    await chair.screenshot({ path: '/tmp/accord-changes.png', fullPage: true })
    await chair.goto(`${server().url}/d/${documentId}`)
  })

  it('adopts, and the text is frozen', async () => {
    await chair.click(sel.phaseTo('adopted'))
    await expect.poll(() => chair.locator(sel.phaseBanner).getAttribute('data-phase')).toBe('adopted')
    await expect.poll(() => delegate.locator(sel.phaseBanner).getAttribute('data-phase')).toBe('adopted')
    expect(await chair.locator(sel.editor).getAttribute('aria-readonly')).toBe('true')
  })
})
