import { readFile } from 'node:fs/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { demoDraftContent } from '../../server/demo/demoDraft'
import { signedInPage } from '../helpers/browserSession'
import { browserSuiteForThisFile } from '../helpers/browserSuite'
import { rawRequest } from '../helpers/rawHttp'
import { sel } from '../helpers/selectors'
import { selectText } from '../helpers/textSelection'

/**
 * Issue 15 in Chromium: two Norwegian delegates and their focal point, and the chair, each in their own
 * browser. A delegate's comment is a draft that her delegation sees and supports, and of which the chair's
 * browser is sent nothing; the focal point submits it from the drafts panel, keeps the receipt, and the
 * chair sees the public comment at once. Then merging, the closed comment period, the Participants page and
 * the dashboard's Delegations section.
 */

const { server, browser } = browserSuiteForThisFile()
const BODY = 'Norway asks who approves the written strategy and how often.'
const PASSAGE = 'written ICT strategy'
/** The longest the chair's window may take to show a submitted comment after the focal point's answer. */
const CHAIR_DELAY_MS = 300
const SHOTS = process.env.SCREENSHOTS ?? '/tmp'

let documentId: string
let chairToken: string
let chair: Page
let kari: Page
let lars: Page
let ingrid: Page
/** Every WebSocket frame the chair's browser received, as text. */
const chairFrames: string[] = []
let draftId: string

const api = (path: string, method: string, body?: unknown) => rawRequest(server().url, `/api/documents/${documentId}${path}`, { method, token: chairToken, body })

beforeAll(async () => {
  documentId = (await server().documents.createWithContent('Recommendations on ICT', demoDraftContent())).id
  chairToken = await server().token('chair', 'Secretariat script', 'WIPO')
  const opened = await api('/phase', 'POST', { phase: 'consultation', reference: 'C.CWS 180', deadline: new Date(Date.now() + 7 * 86_400_000).toISOString() })
  expect(opened.status).toBe(200)
  const path = `/d/${documentId}`
  chair = await signedInPage(browser(), server(), { name: 'Claire Chair', org: 'WIPO', role: 'chair' }, path, {
    beforeLoad: async (page) => {
      page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => chairFrames.push(typeof payload === 'string' ? payload : payload.toString('utf8'))))
    },
  })
  ingrid = await signedInPage(browser(), server(), { name: 'Ingrid Focal', org: 'NO', role: 'commenter', focalPoint: true }, path)
  kari = await signedInPage(browser(), server(), { name: 'Kari Nordmann', org: 'NO', role: 'commenter' }, path)
  lars = await signedInPage(browser(), server(), { name: 'Lars Berg', org: 'NO', role: 'commenter' }, path)
  // Submitting and merging ask for confirmation first.
  ingrid.on('dialog', (dialog) => void dialog.accept())
})

/** Opens the composer and posts a general comment on the whole draft. */
async function postGeneral(page: Page, body: string, button: string = sel.composerSubmit) {
  await page.click(sel.generalCommentButton)
  await page.fill(sel.composerBody, body)
  await page.click(button)
  await page.locator(sel.composer).waitFor({ state: 'detached' })
}

describe('national consolidation in Chromium', () => {
  it('a delegate’s comment is a draft her delegation sees and supports; the chair’s browser is sent nothing of it', async () => {
    await selectText(kari.locator(sel.recommendation).nth(1).locator(sel.statement), PASSAGE)
    await kari.keyboard.press('Control+Alt+m')
    await kari.fill(sel.composerBody, BODY)
    await kari.click(sel.composerSubmit)
    const mine = kari.locator(sel.draftThread)
    await mine.waitFor()
    draftId = (await mine.getAttribute('data-comment-id'))!
    expect(draftId).toMatch(/^NO-D[A-Z0-9]{6}$/)
    expect(await mine.locator(sel.commentStatus).textContent()).toBe('Draft · visible to NO only')
    expect(await kari.locator(sel.draftNotice).textContent()).toContain('Saved as a draft for your delegation; your focal point submits it.')
    expect(await mine.locator(sel.withdrawButton).textContent()).toBe('Discard')

    const seenByLars = lars.locator(sel.threadById(draftId))
    await seenByLars.locator(sel.stance('support')).click()
    await expect.poll(() => seenByLars.locator(sel.stance('support')).getAttribute('aria-pressed')).toBe('true')
    expect(await seenByLars.locator(sel.stance('support')).textContent()).toBe('Support 1')
    expect(await seenByLars.locator(sel.stance('oppose')).getAttribute('aria-pressed')).toBe('false')
    expect(await seenByLars.locator(sel.stanceNames).textContent()).toBe('Supported by Lars Berg (NO)')
    // Kari sees it live, and her own buttons are not pressed.
    await expect.poll(() => mine.locator(sel.stance('support')).textContent()).toBe('Support 1')
    expect(await mine.locator(sel.stance('support')).getAttribute('aria-pressed')).toBe('false')
    await mine.screenshot({ path: `${SHOTS}/accord-consolidation-draft-thread.png` })

    // A rename reaches every window after the events before it: once the chair's shows it, everything the
    // server pushed about the draft so far has arrived (or never will).
    await server().documents.update(documentId, { title: 'Recommendations on ICT (rev.)' })
    await expect.poll(() => chair.locator(sel.draftTitle).textContent()).toBe('Recommendations on ICT (rev.)')
    expect(chairFrames.some((f) => f.includes('Recommendations on ICT (rev.)'))).toBe(true)
    expect(await chair.locator(sel.thread).count()).toBe(0)
    expect(chairFrames.filter((f) => f.includes(BODY) || f.includes(draftId))).toEqual([])
  })

  it('the focal point submits it from the drafts panel; the chair’s window shows NO-001 at once; the receipt names it', async () => {
    await expect.poll(() => ingrid.locator(sel.delegationDraftsButton).textContent()).toBe('Delegation drafts (1)')
    await ingrid.click(sel.delegationDraftsButton)
    const row = ingrid.locator(sel.draftRow(draftId))
    await row.waitFor()
    expect(await row.locator(sel.draftSelect).isChecked()).toBe(true)
    expect(await row.locator(sel.draftStances).textContent()).toBe('Support 1 · Oppose 0')
    expect(await row.textContent()).toContain('Kari Nordmann')
    await ingrid.locator(sel.delegationPanel).screenshot({ path: `${SHOTS}/accord-consolidation-panel.png` })

    // The moment the chair's window first has the thread. Both times are read in the browser, whose pages
    // share one clock: performance.timeOrigin + performance.now().
    await chair.evaluate(() => {
      const seen = window as unknown as { chairSawAt?: number }
      const look = () => {
        if (seen.chairSawAt === undefined && document.querySelector('[data-test=comment-thread][data-comment-id="NO-001"]')) {
          seen.chairSawAt = performance.timeOrigin + performance.now()
        }
      }
      new MutationObserver(look).observe(document.body, { childList: true, subtree: true })
    })
    const answer = ingrid.waitForResponse((r) => r.url().endsWith(`/api/documents/${documentId}/comments/submit`) && r.request().method() === 'POST')
    expect(await ingrid.locator(sel.submitDrafts).textContent()).toBe('Submit selected (1)')
    await ingrid.click(sel.submitDrafts)
    const response = await answer
    expect(response.status()).toBe(200)
    await response.finished()
    // When the focal point's browser had the whole answer: its own Resource Timing entry for the request.
    const answeredAt = await ingrid
      .waitForFunction(() => {
        const entry = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/comments/submit')).at(-1)
        return entry && performance.timeOrigin + (entry as PerformanceResourceTiming).responseEnd
      })
      .then((handle) => handle.jsonValue() as Promise<number>)
    await chair.waitForFunction(() => (window as unknown as { chairSawAt?: number }).chairSawAt !== undefined)
    const sawAt = await chair.evaluate(() => (window as unknown as { chairSawAt: number }).chairSawAt)
    const delay = Math.round(sawAt - answeredAt)
    console.log(`The chair's window showed NO-001 ${delay} ms after the submit answer reached the focal point's browser (limit ${CHAIR_DELAY_MS} ms).`)
    expect(delay).toBeLessThanOrEqual(CHAIR_DELAY_MS)

    const receipt = ingrid.locator(sel.submissionReceipt)
    await receipt.waitFor()
    expect(await receipt.locator(sel.receiptRow(draftId)).locator(sel.receiptPublicId).textContent()).toBe('NO-001')
    expect(await receipt.locator(sel.receiptSummary).textContent()).toMatch(/^Submitted by Ingrid Focal \(NO\) on .+ to C\.CWS 180\./)
    await ingrid.locator(sel.delegationPanel).screenshot({ path: `${SHOTS}/accord-consolidation-receipt.png` })
    const [download] = await Promise.all([ingrid.waitForEvent('download'), ingrid.click(sel.receiptDownload)])
    expect(download.suggestedFilename()).toMatch(/^receipt-NO-C\.CWS-180-\d{4}-\d\d-\d\d\.txt$/)
    const text = await readFile(await download.path(), 'utf8')
    expect(text).toContain('Consultation:  C.CWS 180')
    expect(text).toMatch(new RegExp(`\nNO-001 +${draftId} +Editorial +Recommendation 2\n`))

    // The chair reads the public comment, said to be submitted; the delegation's draft is gone everywhere.
    const published = chair.locator(sel.threadById('NO-001'))
    expect(await published.locator(sel.commentBody).textContent()).toBe(BODY)
    expect(await published.locator(sel.commentSubmitted).textContent()).toMatch(/^Submitted by Ingrid Focal \(NO\) on /)
    expect(await published.locator(sel.stance('support')).count()).toBe(0)
    for (const page of [kari, lars]) {
      await page.locator(sel.threadById('NO-001')).waitFor()
      await expect.poll(() => page.locator(sel.threadById(draftId)).count()).toBe(0)
    }
    await ingrid.click(sel.receiptDone)
  })

  it('the focal point keeps a comment as a draft and merges two members’ drafts into one with both authors', async () => {
    await postGeneral(kari, 'Define “digital transformation”.')
    // Lars now knows before posting that his comment will wait for the focal point.
    await lars.click(sel.generalCommentButton)
    await lars.locator(sel.composerDraftHint).waitFor()
    await lars.fill(sel.composerBody, 'Add a glossary at the end.')
    await lars.click(sel.composerSubmit)
    await postGeneral(ingrid, 'Norway will send a separate note.', sel.composerSaveDraft)
    expect(await ingrid.locator(sel.draftNotice).textContent()).toMatch(/^NO-D[A-Z0-9]{6} is saved as a draft of your delegation: submit it from Delegation drafts\./)
    await expect.poll(() => ingrid.locator(sel.draftRows).count()).toBe(3)
    await ingrid.evaluate(() => window.scrollTo(0, 0))
    await ingrid.screenshot({ path: `${SHOTS}/accord-consolidation-focal-editor.png` })

    // Merge needs exactly two drafts: leave the focal point's own out.
    const rows = ingrid.locator(sel.draftRows)
    expect(await ingrid.locator(sel.mergeDrafts).isDisabled()).toBe(true)
    await rows.filter({ hasText: 'Ingrid Focal' }).locator(sel.draftSelect).uncheck()
    expect(await ingrid.locator(sel.submitDrafts).textContent()).toBe('Submit selected (2)')
    await ingrid.click(sel.mergeDrafts)
    expect(await ingrid.inputValue(sel.mergeBody)).toBe('Define “digital transformation”.\n\nAdd a glossary at the end.')
    await ingrid.fill(sel.mergeBody, 'Define “digital transformation” in a glossary at the end.')
    await ingrid.click(sel.mergeConfirm)
    await expect.poll(() => rows.count()).toBe(2)
    const merged = rows.filter({ hasText: 'Kari Nordmann' })
    expect(await merged.textContent()).toContain('Kari NordmannNO with Lars BergNO')
    expect(await ingrid.locator(sel.delegationStatus).textContent()).toMatch(/^NO-D\w+ was merged into NO-D\w+\.$/)
    const mergedId = (await merged.getAttribute('data-comment-id'))!
    const inKarisWindow = kari.locator(sel.threadById(mergedId))
    await expect.poll(() => inKarisWindow.locator(sel.commentBody).textContent()).toBe('Define “digital transformation” in a glossary at the end.')
    expect(await inKarisWindow.locator(sel.commentAuthors).textContent()).toBe('Kari NordmannNO with Lars BergNO')
  })

  it('once comments close, the panel says the drafts were not submitted and cannot submit them', async () => {
    expect((await api('/phase', 'POST', { phase: 'resolution' })).status).toBe(200)
    const closed = ingrid.locator(sel.delegationClosed)
    await expect.poll(() => closed.textContent()).toMatch(/^The comment period for C\.CWS 180 closed on .+\. These drafts were not submitted: they stay with your delegation\.$/)
    expect(await ingrid.locator(sel.submitDrafts).isDisabled()).toBe(true)
    await ingrid.locator(sel.delegationPanel).screenshot({ path: `${SHOTS}/accord-consolidation-closed.png` })
  })

  it('the chair’s dashboard lists the delegations with focal points and what each submitted this round', async () => {
    await server().participants.create({ name: 'Hans Meyer', org: 'DE', role: 'commenter', focalPoint: true })
    await chair.goto(`${server().url}/d/${documentId}/dashboard`)
    await chair.locator(sel.delegationsSummary).waitFor()
    expect(await chair.locator(sel.delegationSubmission('NO')).textContent()).toMatch(/^Submitted 1 comment, last on .+ by Ingrid Focal \(NO\)$/)
    expect(await chair.locator(sel.delegationSubmission('DE')).textContent()).toBe('Not yet submitted')
    await chair.locator(sel.delegationsSummary).screenshot({ path: `${SHOTS}/accord-consolidation-dashboard.png` })
  })

  it('the chair makes a participant a focal point on the Participants page, and takes it back', async () => {
    await chair.goto(`${server().url}/participants`)
    await chair.fill(sel.inviteName, 'Sven Svensson')
    await chair.fill(sel.inviteOrg, 'WIPO')
    expect(await chair.locator(sel.inviteFocalPoint).isDisabled()).toBe(true)
    await chair.fill(sel.inviteOrg, 'SE')
    await chair.selectOption(sel.inviteRole, 'observer')
    expect(await chair.locator(sel.inviteFocalPoint).isDisabled()).toBe(true)
    await chair.selectOption(sel.inviteRole, 'commenter')
    await chair.check(sel.inviteFocalPoint)
    await chair.click(sel.inviteSubmit)
    await chair.locator(sel.inviteLink).waitFor()
    const row = chair.locator(sel.participantRow, { hasText: 'Sven Svensson' })
    await row.locator(sel.focalPointBadge).waitFor()
    expect(await row.locator(sel.participantFocalPoint).isChecked()).toBe(true)
    await chair.locator(sel.participantRow).first().locator('..').screenshot({ path: `${SHOTS}/accord-consolidation-participants.png` })
    const sven = () => server().participants.list().then((all) => all.find((p) => p.name === 'Sven Svensson'))
    expect((await sven())?.focalPoint).toBe(true)

    await row.locator(sel.participantFocalPoint).uncheck()
    await expect.poll(() => row.locator(sel.focalPointBadge).count()).toBe(0)
    expect((await sven())?.focalPoint).toBeFalsy()
    // A chair cannot be one: the row offers no toggle.
    expect(await chair.locator(sel.participantRow, { hasText: 'Claire Chair' }).locator(sel.participantFocalPoint).count()).toBe(0)
  })
})
