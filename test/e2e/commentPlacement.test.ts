import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { signedInPage } from '../helpers/browserSession'
import { type CommentApi, commentApi } from '../helpers/commentApi'
import { sel } from '../helpers/selectors'
import { highlighted, selectText, textWithoutCarets } from '../helpers/textSelection'
import { browserSuiteForThisFile } from '../helpers/browserSuite'

const { server, browser } = browserSuiteForThisFile()

/**
 * Overlapping and nested comments each keep their own highlight; deleting all of a comment's words
 * shows it as "text removed" on every open screen at once (and undo brings it back); a thread that
 * grows pushes the threads below it down.
 */
let delegate: Page
let editor: Page
let chairApi: CommentApi

// Recommendation 1 of the demo draft: "Offices should move their core procedures to end-to-end
// electronic processing, from filing to publication and renewal."
const OUTER = 'core procedures to end-to-end electronic'
const OVERLAPPING = 'end-to-end electronic processing'
const INNER = 'electronic'

beforeAll(async () => {
  const within = 'Recommendation 1'
  const no = commentApi(server().url, await server().token('commenter', 'Kari Nordmann', 'NO'))
  await no.comment(server().demoId, { type: 'general', body: 'Which procedures are core?', anchor: { quote: OUTER, within } })
  await no.comment(server().demoId, { type: 'technical', body: 'Define end-to-end.', anchor: { quote: OVERLAPPING, within } })
  await no.comment(server().demoId, { type: 'editorial', body: 'Say "digital".', proposedChange: 'digital', anchor: { quote: INNER, within } })
  chairApi = commentApi(server().url, await server().token('chair', 'Elena Ortiz', 'WIPO'))
  delegate = await signedInPage(browser(), server(), { name: 'Kari Nordmann', org: 'NO', role: 'commenter' })
  editor = await signedInPage(browser(), server(), { name: 'Ana Silva', org: 'MZ', role: 'editor' })
})


const classesOf = (page: Page, id: string) =>
  page.locator(sel.highlight(id)).evaluateAll((els) => els.map((e) => e.className).join(' '))
const orphanNote = (page: Page, id: string) => page.locator(`${sel.threadById(id)} ${sel.orphanNote}`).count()

describe('where comments are drawn, in Chromium', () => {
  it('overlapping and nested comments each highlight exactly their own words', async () => {
    for (const page of [delegate, editor]) {
      await expect.poll(() => highlighted(page, 'NO-001')).toBe(OUTER)
      await expect.poll(() => highlighted(page, 'NO-002')).toBe(OVERLAPPING)
      await expect.poll(() => highlighted(page, 'NO-003')).toBe(INNER)
    }
  })

  it('a click on the innermost words focuses the innermost comment', async () => {
    await delegate.locator(sel.highlight('NO-003')).first().click()
    await expect.poll(() => delegate.locator(sel.activeThreadById('NO-003')).count()).toBe(1)
    expect(await delegate.locator(sel.activeThreadById('NO-002')).count()).toBe(0)
  })

  it('resolving one of two overlapping comments leaves the other drawn as open', async () => {
    await chairApi.resolve(server().demoId, 'NO-001', 'noted', 'Core procedures are listed in the annex.')
    await expect.poll(() => delegate.locator(sel.highlight('NO-001')).count()).toBe(0)
    expect(await classesOf(delegate, 'NO-002')).not.toContain('comment-resolved')
    expect(await highlighted(delegate, 'NO-002')).toBe(OVERLAPPING)
  })

  it('deleting all of a comment\'s words shows "text removed" on every screen at once; undo brings it back', async () => {
    const statement = editor.locator(sel.recommendation).nth(0).locator(sel.statement)
    await statement.click()
    await selectText(statement, `${INNER} `)
    await editor.keyboard.press('Backspace')
    await expect.poll(() => textWithoutCarets(statement)).toContain('end-to-end processing')
    for (const page of [editor, delegate]) {
      await expect.poll(() => orphanNote(page, 'NO-003')).toBe(1)
      expect(await page.locator(sel.highlight('NO-003')).count()).toBe(0)
    }
    // The editor, who may re-anchor it, is offered that.
    expect(await editor.locator(`${sel.threadById('NO-003')} ${sel.reanchorButton}`).count()).toBe(1)
    await editor.click(sel.undo)
    for (const page of [editor, delegate]) {
      await expect.poll(() => highlighted(page, 'NO-003')).toBe(INNER)
      await expect.poll(() => orphanNote(page, 'NO-003')).toBe(0)
    }
  })

  it('a thread that grows (a reply being written) pushes the next one down instead of covering it', async () => {
    const upper = editor.locator(sel.threadById('NO-002'))
    const lower = editor.locator(sel.threadById('NO-003'))
    await upper.locator(sel.replyButton).click()
    await upper.locator(sel.replyBody).waitFor()
    await expect
      .poll(async () => {
        const [a, b] = [await upper.boundingBox(), await lower.boundingBox()]
        return a && b ? b.y - (a.y + a.height) : -1
      })
      .toBeGreaterThanOrEqual(0)
  })
})
