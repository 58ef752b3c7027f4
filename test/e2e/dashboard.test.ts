import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Comment, CommentType } from '../../shared/types'
import { signedInPage } from '../helpers/browserSession'
import { sel } from '../helpers/selectors'
import { browserSuiteForThisFile } from '../helpers/browserSuite'

const { server, browser } = browserSuiteForThisFile()

/** The chair on the dashboard. */
let chair: Page
/** A Norwegian delegate with the draft open in the editor the whole time. */
let delegate: Page
const ids: Record<string, string> = {}
/** The Australian delegate's API token: they withdraw their comment mid-test. */
let auToken: string

/** Creates a comment through the REST API as a delegate of `org`. */
async function comment(token: string, input: { type: CommentType; body: string; quote?: string; proposedChange?: string }) {
  const res = await fetch(`${server().url}/api/documents/${server().demoId}/comments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      type: input.type,
      body: input.body,
      ...(input.proposedChange ? { proposedChange: input.proposedChange } : {}),
      ...(input.quote ? { anchor: { quote: input.quote } } : {}),
    }),
  })
  expect(res.status).toBe(201)
  return (await res.json()) as Comment
}

const text = (page: Page, selector: string) => page.locator(selector).first().textContent()
const rowIds = (page: Page) => page.locator(sel.commentRow).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-comment-id')))

beforeAll(async () => {

  const no = await server().token('commenter', 'Ola Nordmann', 'NO')
  const de = await server().token('commenter', 'Greta Braun', 'DE')
  const mx = await server().token('commenter', 'Mateo Ruiz', 'MX')
  auToken = await server().token('commenter', 'Ava Clarke', 'AU')
  ids.no1 = (await comment(no, { type: 'technical', body: 'Define what end-to-end means for renewals.', quote: 'end-to-end electronic processing' })).id
  ids.no2 = (
    await comment(no, { type: 'editorial', body: 'Prefer a different adjective.', quote: 'written ICT strategy', proposedChange: 'documented ICT strategy' })
  ).id
  ids.de1 = (await comment(de, { type: 'technical', body: 'Refer to data governance frameworks.', quote: 'strategic asset' })).id
  ids.de2 = (await comment(de, { type: 'general', body: 'Say how offices report their progress.' })).id
  ids.mx1 = (await comment(mx, { type: 'technical', body: 'Name the standards explicitly.', quote: 'machine-readable formats' })).id
  ids.au1 = (await comment(auToken, { type: 'editorial', body: 'Twice a year would be better.', quote: 'Test business continuity' })).id

  delegate = await signedInPage(browser(), server(), { name: 'Nora Dahl', org: 'NO', role: 'commenter' })
  await delegate.selectOption(sel.filterStatus, 'open-and-resolved')
  await delegate.locator(sel.threadById(ids.no1!)).waitFor()
  chair = await signedInPage(browser(), server(), { name: 'Claire Chair', org: 'WIPO', role: 'chair' }, `/d/${server().demoId}/dashboard`)
  await chair.locator(sel.commentRow).first().waitFor()
})


describe('the chair dashboard in Chromium', () => {
  it('shows progress, the charts and every comment', async () => {
    expect(await text(chair, sel.progressDecided)).toBe('0')
    expect(await text(chair, sel.progressTotal)).toBe('6')
    expect(await chair.locator(sel.progressOpen).getAttribute('data-count')).toBe('6')
    expect(await rowIds(chair)).toHaveLength(6)
    // Document order: the general comment first, then by recommendation.
    expect((await rowIds(chair))[0]).toBe(ids.de2)
    const orgChart = chair.locator(sel.chart('org'))
    expect(await orgChart.locator(sel.chartRow('NO')).getAttribute('data-total')).toBe('2')
    expect(await orgChart.locator(sel.chartRow('MX')).getAttribute('data-total')).toBe('1')
    expect(await orgChart.locator('svg[role=img]').getAttribute('aria-labelledby')).toBeTruthy()
    // Every recommendation of the draft has a bar, also those nobody commented on.
    const recChart = chair.locator(sel.chart('recommendation'))
    expect(await recChart.locator(sel.chartRow('1')).getAttribute('data-total')).toBe('1')
    expect(await recChart.locator(sel.chartRow('general')).getAttribute('data-total')).toBe('1')
    expect(await recChart.locator(sel.chartRow('9')).getAttribute('data-total')).toBe('0')
    expect(await chair.locator(sel.exportLink('comments', 'xlsx')).getAttribute('href')).toBe(
      `/api/documents/${server().demoId}/comments/export?format=xlsx`,
    )
    expect(await chair.locator(sel.importPanel).count()).toBe(1)
  })

  it('offers the table and the draft for download', async () => {
    const links = [
      ...['xlsx', 'csv', 'docx'].map((f) => sel.exportLink('comments', f)),
      ...['docx', 'md', 'html'].map((f) => sel.exportLink('draft', f)),
    ]
    for (const link of links) {
      const href = await chair.locator(link).getAttribute('href')
      expect(await chair.locator(link).getAttribute('download')).toBe('')
      // With the chair's own session cookie, as a click would send it.
      const res = await chair.request.get(`${server().url}${href}`)
      expect(res.status(), href ?? link).toBe(200)
      expect(res.headers()['content-disposition']).toMatch(/^attachment/)
    }
  })

  it('filters by Member State and searches proposed changes', async () => {
    await chair.selectOption(sel.listFilter('org'), 'NO')
    await expect.poll(() => rowIds(chair)).toEqual([ids.no1, ids.no2])
    await chair.fill(sel.listSearch, 'documented')
    await expect.poll(() => rowIds(chair)).toEqual([ids.no2])
    await chair.fill(sel.listSearch, '')
    await expect.poll(() => rowIds(chair)).toEqual([ids.no1, ids.no2])
  })

  it('sorts by a column and announces the order', async () => {
    await chair.click(sel.listClearFilters)
    await expect.poll(() => rowIds(chair).then((r) => r.length)).toBe(6)
    await chair.click(sel.sortButton('id'))
    expect(await chair.locator(sel.sortHeader('id')).getAttribute('aria-sort')).toBe('ascending')
    expect(await chair.locator(sel.sortHeader('location')).getAttribute('aria-sort')).toBeNull()
    await expect.poll(() => rowIds(chair)).toEqual(Object.values(ids).sort())
    await chair.click(sel.sortButton('id'))
    expect(await chair.locator(sel.sortHeader('id')).getAttribute('aria-sort')).toBe('descending')
    await expect.poll(() => rowIds(chair).then((r) => r[0])).toBe(ids.no2)
  })

  it("resolves a comment from the list; the delegate's open editor shows it resolved without reloading", async () => {
    await delegate.evaluate(() => ((window as unknown as { stayedOpen: boolean }).stayedOpen = true))
    const badge = delegate.locator(`${sel.threadById(ids.no1!)} ${sel.commentStatus}`)
    expect(await badge.textContent()).toBe('Open')

    await chair.selectOption(sel.listFilter('org'), 'NO')
    const row = chair.locator(sel.commentRowById(ids.no1!))
    await row.locator(sel.resolveButton).click()
    await chair.selectOption(sel.resolveDisposition, 'accepted-with-modification')
    await chair.fill(sel.resolveNote, 'Renewals are covered in Action 1.')
    await chair.click(sel.resolveSubmit)

    await row.locator(sel.rowDisposition, { hasText: 'Accepted with modification' }).waitFor()
    expect(await row.locator(sel.rowStatus).textContent()).toBe('Resolved')
    await chair.locator(sel.listAnnouncement, { hasText: `${ids.no1} resolved` }).waitFor()
    await expect.poll(() => text(chair, sel.progressDecided)).toBe('1')
    expect(await chair.locator(sel.progressOpen).getAttribute('data-count')).toBe('5')
    expect(await chair.locator(sel.chart('disposition')).textContent()).toContain('Accepted with modification 1')
    // After the decision the keyboard is on the row's Reopen button.
    expect(await chair.evaluate(() => document.activeElement?.getAttribute('data-test'))).toBe('reopen-button')

    await delegate.locator(`${sel.threadById(ids.no1!)} ${sel.commentStatus}`, { hasText: 'Accepted with modification' }).waitFor()
    expect(await delegate.evaluate(() => (window as unknown as { stayedOpen?: boolean }).stayedOpen)).toBe(true)
  })

  it('reopens from the list; both windows follow', async () => {
    const row = chair.locator(sel.commentRowById(ids.no1!))
    await row.locator(sel.reopenButton).click()
    await row.locator(sel.rowStatus, { hasText: 'Open' }).waitFor()
    await expect.poll(() => text(chair, sel.progressDecided)).toBe('0')
    await delegate.locator(`${sel.threadById(ids.no1!)} ${sel.commentStatus}`, { hasText: 'Open' }).waitFor()
  })

  it("follows others' actions live: a withdrawn comment leaves the count of those needing a decision", async () => {
    await chair.click(sel.listClearFilters)
    const res = await fetch(`${server().url}/api/documents/${server().demoId}/comments/${ids.au1}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${auToken}` },
    })
    expect(res.status).toBe(200)
    await expect.poll(() => text(chair, sel.progressTotal)).toBe('5')
    expect(await chair.locator(sel.progressWithdrawn).getAttribute('data-count')).toBe('1')
    expect(await chair.locator(sel.commentRowById(ids.au1!)).locator(sel.rowStatus).textContent()).toBe('Withdrawn')
  })

  it('shows delegates the list read-only', async () => {
    const reader = await signedInPage(browser(), server(), { name: 'Greta Braun', org: 'DE', role: 'commenter' }, `/d/${server().demoId}/dashboard`)
    await reader.locator(sel.commentRow).first().waitFor()
    expect(await reader.locator(sel.commentRow).count()).toBe(6)
    expect(await reader.locator(sel.resolveButton).count()).toBe(0)
    expect(await reader.locator(sel.importPanel).count()).toBe(0)
    await reader.context().close()
  })

  it('imports a comment table: a preview with places and problems first, then every row at once', async () => {
    const header = 'ID,Member State,Location,Type,Quoted text,Comment,Proposed change,Disposition,Observations,Resolved by,Resolved on'
    const good = [
      ',NG,Recommendation 6,Technical,security awareness,Add phishing drills.,,,,,',
      ',NG,Recommendation 6,Editorial,SECURITY   Awareness,Write it the same way everywhere.,,,,,',
      ',MZ,,General,,Please add a glossary.,,Noted,Considered for the annex.,Task Force,2025-01-15',
      ',MZ,Recommendation 2,Technical,a sentence the draft does not contain anywhere,Cannot be placed.,,,,,',
    ]
    const csv = (rows: string[]) => Buffer.from([header, ...rows].join('\r\n'))

    // Row 6 has no comment: it is listed, and nothing can be imported until it is fixed.
    await chair.setInputFiles(sel.importFile, { name: 'bad.csv', mimeType: 'text/csv', buffer: csv([...good, ',LT,General,General,,,,,,,']) })
    await chair.locator(sel.importErrors).waitFor()
    expect(await chair.locator(sel.importError).evaluateAll((li) => li.map((e) => e.getAttribute('data-row')))).toEqual(['6'])
    expect(await chair.locator(sel.importConfirm).isDisabled()).toBe(true)

    await chair.setInputFiles(sel.importFile, { name: 'table.csv', mimeType: 'text/csv', buffer: csv(good) })
    // The new preview is in once Confirm is enabled: its rows have no problems.
    await chair.locator(`${sel.importConfirm}:enabled`).waitFor()
    expect(await chair.locator(sel.importErrors).count()).toBe(0)
    const methods = await chair.locator(`${sel.importRow} ${sel.importMatch}`).evaluateAll((els) => els.map((e) => e.getAttribute('data-method')))
    expect(methods).toEqual(['exact', 'normalized', 'general', 'none'])
    await chair.click(sel.importConfirm)
    await chair.locator(sel.importDone, { hasText: 'Imported 4 comments' }).waitFor()
    await expect.poll(() => text(chair, sel.progressTotal)).toBe('9')
    expect(await text(chair, sel.progressDecided)).toBe('1')
    expect(await chair.locator(sel.progressNeedsAnchoring).getAttribute('data-count')).toBe('1')
    await chair.selectOption(sel.listFilter('org'), 'MZ')
    await expect.poll(() => rowIds(chair).then((r) => r.length)).toBe(2)
    await chair.click(sel.listClearFilters)

    // The same table again, with one more row: the four are marked as already in the draft, one is new.
    const more = [...good, ',LT,General,General,,One more point.,,,,,']
    await chair.setInputFiles(sel.importFile, { name: 'table-again.csv', mimeType: 'text/csv', buffer: csv(more) })
    await chair.locator(sel.importRepeats, { hasText: '4 rows are already in the draft' }).waitFor()
    expect(await chair.locator(sel.importRowRepeat).count()).toBe(4)
    expect(await chair.locator(sel.importConfirm).textContent()).toBe('Import 1 comment')
    await chair.click(sel.importConfirm)
    await chair.locator(sel.importDone, { hasText: 'Imported 1 comment from table-again.csv. It is in the list below. 4 rows were already in the draft and skipped.' }).waitFor()
    await expect.poll(() => text(chair, sel.progressTotal)).toBe('10')
  })

  it('opens the passage in the editor with the thread focused from a row', async () => {
    await chair.locator(sel.commentRowById(ids.de1!)).locator(sel.rowOpen).click()
    await chair.waitForURL(`${server().url}/d/${server().demoId}?comment=${ids.de1}`)
    await chair.locator(`${sel.threadById(ids.de1!)}.active`).waitFor()
  })
})
