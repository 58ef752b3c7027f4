import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { signedInPage } from '../helpers/browserSession'
import { FaultyStore } from '../helpers/faultyStore'
import { sel } from '../helpers/selectors'
import { typeAtEndOfStatement } from '../helpers/textSelection'
import { draftText } from '../helpers/yClient'
import { tempDataDir } from '../helpers/testServer'
import { browserSuiteForThisFile } from '../helpers/browserSuite'

const dataDir = tempDataDir()
const store = new FaultyStore(dataDir)
// Registered before the suite, so it runs after the server has stopped (after-hooks run in reverse).
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))
const { server, browser } = browserSuiteForThisFile({ dataDir, store, saveTiming: { debounceMs: 100, maxWaitMs: 300, retryMs: 200, retryMaxMs: 800 } })

/** F7 in Chromium: while the disk is full the editor says "Not saved…"; once there is room it says "All changes saved" again by itself. */

let page: Page

beforeAll(async () => {
  page = await signedInPage(browser(), server(), { name: 'Ana Silva', org: 'MZ', role: 'editor' })
})

const saveState = () => page.locator(sel.saveState).textContent()

describe('F7 in the browser: a full disk', () => {
  it('shows "Not saved…" while writes fail and "All changes saved" once they succeed again, without a reload', async () => {
    await typeAtEndOfStatement(page, 0, ' Saved first.')
    await expect.poll(saveState).toBe('All changes saved')

    store.diskFull = true
    const faultAt = performance.now()
    await page.keyboard.type(' Typed while the disk is full.')
    await expect.poll(saveState).toMatch(/^Not saved/)
    const shownAfter = performance.now() - faultAt
    const message = await saveState()
    const connection = await page.locator(sel.connectionState).textContent()

    store.diskFull = false
    const clearedAt = performance.now()
    await expect.poll(saveState).toBe('All changes saved')
    const recoveredAfter = performance.now() - clearedAt
    console.log(
      `F7 in Chromium: "${message}" shown ${Math.round(shownAfter)} ms after the fault (connection: ${connection}); ` +
        `"All changes saved" ${Math.round(recoveredAfter)} ms after space came back; failed writes retried: ${store.counts.failedWrites}`,
    )
    expect(connection).toBe('Connected')
    expect(store.counts.failedWrites).toBeGreaterThan(0)
    expect(draftText(server().drafts.peek(server().demoId)!.doc)).toContain('Typed while the disk is full.')
  })
})
