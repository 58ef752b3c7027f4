import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { demoDraftContent } from '../../server/demo/demoDraft'
import { signedInPage } from '../helpers/browserSession'
import { browserSuiteForThisFile } from '../helpers/browserSuite'
import { sel } from '../helpers/selectors'

/**
 * Issue 12 in Chromium: a Task Force member names the current state, edits (types, deletes a word, moves a
 * recommendation up), and opens the compare view: insertions, deletions and the move are there, attributed.
 */

const { server, browser } = browserSuiteForThisFile()
let documentId: string
let editor: Page

beforeAll(async () => {
  documentId = (await server().documents.createWithContent('Draft with versions', demoDraftContent())).id
  editor = await signedInPage(browser(), server(), { name: 'Ana Silva', org: 'MZ', role: 'editor' }, `/d/${documentId}`)
})

/** Puts the caret at the end of recommendation n's statement. */
async function caretAtEndOfStatement(page: Page, n: number): Promise<void> {
  await page.locator(`${sel.recommendation} >> nth=${n - 1}`).locator(sel.statement).click()
  await page.keyboard.press('End')
}

describe('versions and the compare view in Chromium', () => {
  it('an editor names the current state', async () => {
    await editor.click(sel.versionsButton)
    await editor.fill(sel.versionLabel, 'Sent for comment')
    await editor.click(sel.versionSave)
    await expect.poll(() => editor.locator(sel.versionItem).count()).toBe(1)
    expect(await editor.locator(sel.versionItem).textContent()).toContain('Ana Silva (MZ)')
  })

  it('edits: types words, deletes a word, moves recommendation 3 up', async () => {
    await caretAtEndOfStatement(editor, 2)
    await editor.keyboard.type(' Amended in the session.')
    await caretAtEndOfStatement(editor, 1)
    await editor.keyboard.press('Shift+Control+ArrowLeft')
    await editor.keyboard.press('Backspace')
    await caretAtEndOfStatement(editor, 3)
    await editor.click(sel.moveUp)
    await editor.locator(sel.saveState, { hasText: 'All changes saved' }).waitFor()
  })

  it('the compare view shows the insertion, the deletion and the moved recommendation, with who typed', async () => {
    await editor.click(sel.versionCompareLive)
    await editor.locator(sel.comparePage).waitFor()
    const inserted = editor.locator(sel.redlineIns, { hasText: 'Amended in the session.' })
    await inserted.waitFor()
    expect(await inserted.getAttribute('title')).toBe('Inserted by Ana Silva (MZ)')
    expect(await editor.locator(sel.redlineDel).count()).toBeGreaterThan(0)
    const moved = editor.locator(sel.redlineBlock('moved'))
    expect(await moved.count()).toBe(1)
    // Two neighbours swapped: which of them "moved" is the engine's choice; either way one move, numbered.
    expect(await moved.locator('h3').textContent()).toMatch(/Recommendation (2 \(moved from 3\)|3 \(moved from 2\))/)
    expect(await editor.locator(sel.compareSummary).textContent()).toContain('Recommendations 2 and 3 reordered')
    expect(await editor.locator(sel.compareCounts).textContent()).toMatch(/^4 words inserted, 1 deleted, 1 moved$/)
    await editor.click(sel.layoutSideBySide)
    await editor.locator('.redline-side[aria-label=After]', { hasText: 'Amended in the session.' }).first().waitFor()
    await editor.screenshot({ path: '/tmp/accord-compare.png', fullPage: true })
  })
})
