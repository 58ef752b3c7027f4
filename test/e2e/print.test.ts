import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { doc, heading, paragraph, recommendation } from '../../server/documents/draftJson'
import { signedInPage } from '../helpers/browserSession'
import { browserSuiteForThisFile } from '../helpers/browserSuite'
import { commentApi } from '../helpers/commentApi'
import { pdfPages, pdfTextMissing } from '../helpers/officeFiles'
import { sel } from '../helpers/selectors'

const { server, browser } = browserSuiteForThisFile()

/**
 * The browser's Print on the editor page: the draft alone, its open comments as numbered notes after
 * their recommendation (general ones at the end), and every block printed, including the many that
 * skip their rendering on screen because they are out of view.
 */
const RECOMMENDATIONS = 40
const statement = (n: number) =>
  `Offices should take step ${n} towards end-to-end digital processing, with the resources, the training and the oversight that this step needs.`

let chair: Page

beforeAll(async () => {
  const content = doc(
    heading(1, 'Introduction'),
    paragraph('This long draft is printed to check that no page comes out blank.'),
    ...Array.from({ length: RECOMMENDATIONS }, (_, i) =>
      recommendation(statement(i + 1), ['Plan the work and publish the plan.', 'Report on progress every year.', 'Review the results.']),
    ),
  )
  const documentId = await server().openDraft('Long draft for print', content)
  const as = async (role: 'chair' | 'commenter', org: string) => commentApi(server().url, await server().token(role, `Person ${org}`, org))
  const [no, mx, de, wipo, au, chairApi] = await Promise.all([
    as('commenter', 'NO'),
    as('commenter', 'MX'),
    as('commenter', 'DE'),
    as('commenter', 'WIPO'),
    as('commenter', 'AU'),
    as('chair', 'NO'),
  ])
  await no.comment(documentId, {
    type: 'technical',
    body: 'Name the standards to be used.',
    proposedChange: 'take step 2, following WIPO standards,',
    anchor: { quote: 'take step 2 towards' },
  })
  await mx.comment(documentId, { type: 'editorial', body: 'Split this recommendation in two.', recommendation: 2 })
  await de.comment(documentId, { type: 'general', body: 'The last step needs a budget.', anchor: { quote: `take step ${RECOMMENDATIONS} towards` } })
  await wipo.comment(documentId, { type: 'general', body: 'Add a glossary to the whole draft.' })
  const decided = await au.comment(documentId, { type: 'editorial', body: 'Already decided.', anchor: { quote: 'take step 3 towards' } })
  await chairApi.resolve(documentId, decided.id, 'noted', 'Noted.')

  chair = await signedInPage(browser(), server(), { name: 'Ana Chair', org: 'NO', role: 'chair' }, `/d/${documentId}`)
  await chair.locator(sel.highlight('NO-001')).waitFor()
  await chair.locator(sel.threadById('WIPO-001')).waitFor()
})

/** For a note: its number, and what stands before its block of notes (a recommendation's number, or null). */
const notePlace = (page: Page, id: string) =>
  page.locator(sel.printNote(id)).evaluate((li) => {
    const aside = li.closest('.print-notes')!
    const before = aside.previousElementSibling
    return {
      number: (li as HTMLLIElement).value,
      after: before?.classList.contains('recommendation') ? before.getAttribute('data-number') : null,
      last: aside.nextElementSibling === null,
      title: aside.querySelector('.print-notes-title')?.textContent,
    }
  })

const lastRecommendation = (page: Page) =>
  page.locator(sel.recommendation).last().evaluate((el) => ({ visibility: getComputedStyle(el).contentVisibility, text: el.textContent }))

describe('printing the draft', () => {
  it('on screen: a Print button that prints; no notes are built; blocks out of view skip rendering', async () => {
    await chair.evaluate(() => {
      const counted = window as unknown as { printed: number }
      counted.printed = 0
      window.print = () => void counted.printed++
    })
    await chair.locator(sel.printButton).click()
    expect(await chair.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)
    // The notes are built only for printing: on screen the threads say the same.
    expect(await chair.locator(sel.printNotes).count()).toBe(0)
    expect((await lastRecommendation(chair)).visibility).toBe('auto')
  })

  it('printed: no toolbars, threads or buttons; the notes numbered after their recommendation, general ones last', async () => {
    await chair.emulateMedia({ media: 'print' })
    // Built when printing starts; the highlights can be drawn before the page has placed the comments itself,
    // and the notes follow the placements.
    await expect.poll(() => chair.locator(sel.printNotes).count()).toBe(3)
    for (const hidden of [sel.undo, sel.moveUp, sel.saveState, sel.connectionState, sel.commentSidebar, sel.currentUser, sel.printButton, sel.generalCommentButton]) {
      expect(await chair.locator(hidden).first().isVisible(), hidden).toBe(false)
    }
    expect(await chair.locator(sel.draftTitle).isVisible()).toBe(true)
    expect(await chair.locator(sel.printNotes).first().isVisible()).toBe(true)

    expect(await notePlace(chair, 'MX-001')).toMatchObject({ number: 1, after: '2', title: 'Comments on Recommendation 2' })
    expect(await notePlace(chair, 'NO-001')).toMatchObject({ number: 2, after: '2' })
    expect(await notePlace(chair, 'DE-001')).toMatchObject({ number: 3, after: String(RECOMMENDATIONS) })
    expect(await notePlace(chair, 'WIPO-001')).toMatchObject({ number: 4, last: true, title: 'General comments' })
    // Decided comments are not printed.
    expect(await chair.locator(sel.printNote('AU-001')).count()).toBe(0)

    const note = (await chair.locator(sel.printNote('NO-001')).innerText()).replace(/\s+/g, ' ')
    for (const part of ['NO-001', '· NO ·', 'Technical', 'Recommendation 2', 'take step 2 towards', 'Name the standards to be used.', 'Proposed change: take step 2, following WIPO standards,']) {
      expect(note).toContain(part)
    }
  })

  it('printed: every block is rendered, and the PDF has text on every page', async () => {
    const last = await lastRecommendation(chair)
    expect(last).toMatchObject({ visibility: 'visible' })
    expect(last.text).toContain(statement(RECOMMENDATIONS))

    const pdf = await chair.pdf({ format: 'A4' })
    const pageCount = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length
    expect(pageCount).toBeGreaterThan(3)
    const missing = pdfTextMissing()
    if (missing) {
      console.warn(`Not reading the printed pages back: ${missing}.`)
      return
    }
    const pages = await pdfPages(pdf)
    expect(pages).toHaveLength(pageCount)
    pages.forEach((text, i) => expect(text.trim(), `page ${i + 1} of ${pages.length}`).not.toBe(''))
    const all = pages.join('\n').replace(/\s+/g, ' ')
    expect(all).toContain(`take step ${RECOMMENDATIONS} towards`)
    expect(all).toContain('Add a glossary to the whole draft.')
  })
})
