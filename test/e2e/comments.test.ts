import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { signedInPage } from '../helpers/browserSession'
import { sel } from '../helpers/selectors'
import { highlighted, selectText, textWithoutCarets, typeAtEndOfStatement } from '../helpers/textSelection'
import { browserSuiteForThisFile } from '../helpers/browserSuite'

const { server, browser } = browserSuiteForThisFile()

let delegate: Page
let editor: Page

const PASSAGE = 'written ICT strategy'

beforeAll(async () => {
  delegate = await signedInPage(browser(), server(), { name: 'Kari Nordmann', org: 'NO', role: 'commenter' })
  editor = await signedInPage(browser(), server(), { name: 'Ana Silva', org: 'MZ', role: 'editor' })
})


/** Selects `words` inside the n-th recommendation's statement. */
const selectWords = (page: Page, recommendation: number, words: string) =>
  selectText(page.locator(sel.recommendation).nth(recommendation).locator(sel.statement), words)

/** Which recommendation (0-based) holds a comment's highlight, or -1. */
const recommendationOf = (page: Page, id: string) =>
  page.locator(sel.recommendation).evaluateAll(
    (recs, cid) => recs.findIndex((r) => r.querySelector(`[data-comment-id="${cid}"]`) !== null),
    id,
  )


describe('comments in Chromium', () => {
  it('a delegate comments on a selection without being able to edit; the editor sees it live', async () => {
    await delegate.locator(sel.readOnlyHint).waitFor()
    await selectWords(delegate, 1, PASSAGE)
    await delegate.keyboard.press('Control+Alt+m')
    await delegate.locator(sel.composer).waitFor()
    expect(await delegate.locator('[data-test=composer-quote]').textContent()).toBe(PASSAGE)
    await delegate.selectOption(sel.composerType, 'technical')
    await delegate.fill(sel.composerBody, 'Should the strategy also cover the budget cycle?')
    await delegate.click(sel.composerSubmit)
    await delegate.locator(sel.threadById('NO-001')).waitFor()
    await editor.locator(sel.threadById('NO-001')).waitFor()
    await expect.poll(() => highlighted(editor, 'NO-001')).toBe(PASSAGE)
    await expect.poll(() => highlighted(delegate, 'NO-001')).toBe(PASSAGE)
  })

  it('the delegate edits their comment: type, wording and a proposed change; everyone sees the new version', async () => {
    const mine = delegate.locator(sel.threadById('NO-001'))
    expect(await editor.locator(`${sel.threadById('NO-001')} ${sel.editButton}`).count()).toBe(0)
    await mine.locator(sel.editButton).click()
    await mine.locator(sel.editType).selectOption('editorial')
    await mine.locator(sel.editBody).fill('Should the strategy follow the budget cycle?')
    await mine.locator(sel.editProposal).fill('written ICT strategy aligned with the budget cycle')
    await mine.locator(sel.editSave).click()
    for (const page of [delegate, editor]) {
      const thread = page.locator(sel.threadById('NO-001'))
      await expect.poll(() => thread.locator(sel.commentBody).textContent()).toBe('Should the strategy follow the budget cycle?')
      expect(await thread.locator(sel.commentType).textContent()).toBe('Editorial')
      expect(await thread.locator(sel.commentProposal).textContent()).toBe('written ICT strategy aligned with the budget cycle')
    }
    // Focus is back on "Edit"; by keyboard only, emptying the proposed change withdraws the proposal.
    const focused = () => delegate.evaluate(() => document.activeElement?.getAttribute('data-test'))
    await expect.poll(focused).toBe('edit-button')
    await delegate.keyboard.press('Enter')
    await expect.poll(focused).toBe('edit-body')
    await delegate.keyboard.press('Tab')
    expect(await focused()).toBe('edit-proposal')
    await delegate.keyboard.press('Control+a')
    await delegate.keyboard.press('Delete')
    await delegate.keyboard.press('Tab')
    expect(await focused()).toBe('edit-save')
    await delegate.keyboard.press('Enter')
    await expect.poll(() => editor.locator(`${sel.threadById('NO-001')} ${sel.commentProposal}`).count()).toBe(0)
    await expect.poll(focused).toBe('edit-button')
  })

  it('the editor types before the passage; both windows still highlight the same words', async () => {
    await editor.locator(sel.recommendation).nth(1).locator(sel.statement).click()
    await editor.keyboard.press('Home')
    await editor.keyboard.type('In short: ')
    await expect.poll(() => highlighted(editor, 'NO-001')).toBe(PASSAGE)
    await expect.poll(async () => textWithoutCarets(delegate.locator(sel.recommendation).nth(1).locator(sel.statement))).toContain('In short: ')
    await expect.poll(() => highlighted(delegate, 'NO-001')).toBe(PASSAGE)
  })

  it('the thread sits beside its passage', async () => {
    for (const page of [editor, delegate]) {
      const mark = await page.locator(sel.highlight('NO-001')).first().boundingBox()
      const thread = await page.locator(sel.threadById('NO-001')).boundingBox()
      expect(mark && thread).toBeTruthy()
      expect(thread!.x).toBeGreaterThan(mark!.x + mark!.width)
      expect(Math.abs(thread!.y - mark!.y)).toBeLessThan(60)
    }
  })

  it('the comment follows its words when the recommendation moves, and back on undo', async () => {
    await editor.locator(sel.recommendation).nth(1).locator(sel.statement).click()
    await editor.click(sel.moveUp)
    // The commented recommendation is now the first one, in both windows.
    for (const page of [editor, delegate]) {
      await expect.poll(() => recommendationOf(page, 'NO-001')).toBe(0)
      await expect.poll(() => highlighted(page, 'NO-001')).toBe(PASSAGE)
    }
    await editor.click(sel.undo)
    for (const page of [editor, delegate]) {
      await expect.poll(() => recommendationOf(page, 'NO-001')).toBe(1)
      await expect.poll(() => highlighted(page, 'NO-001')).toBe(PASSAGE)
    }
    // The server agrees: its locator follows the words.
    const res = await fetch(`${server().url}/api/documents/${server().demoId}/comments/NO-001`, {
      headers: { authorization: `Bearer ${await server().token('observer')}` },
    })
    expect(((await res.json()) as { locator: string }).locator).toBe('Recommendation 2')
  })

  it('the comment follows its words through cut and paste within the draft', async () => {
    const moved = 'published indicators'
    const api = await fetch(`${server().url}/api/documents/${server().demoId}/comments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await server().token('commenter', 'Hans Meyer', 'DE')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'editorial', body: 'Which indicators?', anchor: { quote: moved } }),
    })
    const { id } = (await api.json()) as { id: string }
    await expect.poll(() => highlighted(editor, id)).toBe(moved)
    // Select "with published indicators" in Recommendation 3's second action, cut it, paste it elsewhere.
    await selectText(editor.locator(sel.recommendation).nth(2).locator('li').nth(1), 'with published indicators')
    await editor.keyboard.press('Control+x')
    await expect.poll(() => editor.locator(sel.highlight(id)).count()).toBe(0)
    await editor.locator(sel.recommendation).nth(2).locator(sel.statement).click()
    await editor.keyboard.press('End')
    await editor.keyboard.type(' ')
    await editor.keyboard.press('Control+v')
    for (const page of [editor, delegate]) {
      await expect.poll(() => highlighted(page, id)).toBe(moved)
      await expect.poll(() => recommendationOf(page, id)).toBe(2)
      expect(await textWithoutCarets(page.locator(sel.recommendation).nth(2).locator(sel.statement))).toContain('with published indicators')
    }
  })

  it('typing in the commenter window changes nothing, for them or anyone else', async () => {
    await delegate.locator(sel.recommendation).nth(0).locator(sel.statement).click()
    await delegate.keyboard.type('XYZ should not appear')
    await delegate.keyboard.press('Backspace')
    await delegate.keyboard.press('Enter')
    // Anything the delegate's window sent went before this marker: once the marker arrives, it is all in.
    await typeAtEndOfStatement(editor, 0, ' [marker]')
    await expect.poll(async () => textWithoutCarets(delegate.locator(sel.editor))).toContain('[marker]')
    expect(await textWithoutCarets(delegate.locator(sel.editor))).not.toContain('XYZ')
    expect(await textWithoutCarets(editor.locator(sel.editor))).not.toContain('XYZ')
    const room = server().drafts.peek(server().demoId)!
    expect(room.doc.getXmlFragment('content').toString()).not.toContain('XYZ')
  })
})
