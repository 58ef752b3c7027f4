import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchBrowser } from '../helpers/browser'
import { signedInPage } from '../helpers/browserSession'
import { FaultyStore } from '../helpers/faultyStore'
import { sel } from '../helpers/selectors'
import { startTestServer, tempDataDir, type TestServer } from '../helpers/testServer'

/** F7 in Chromium: while the disk is full the editor says "Not saved…"; once there is room it says "All changes saved" again by itself. */

let server: TestServer
let store: FaultyStore
let dataDir: string
let closeBrowser: () => Promise<void>
let page: Page

beforeAll(async () => {
  dataDir = tempDataDir()
  store = new FaultyStore(dataDir)
  server = await startTestServer({ dataDir, store, saveTiming: { debounceMs: 100, maxWaitMs: 300, retryMs: 200, retryMaxMs: 800 } })
  const launched = await launchBrowser()
  closeBrowser = launched.close
  page = await signedInPage(launched.browser, server, { name: 'Ana Silva', org: 'MZ', role: 'editor' })
})

afterAll(async () => {
  await closeBrowser?.()
  await server?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

const saveState = () => page.locator(sel.saveState).textContent()

describe('F7 in the browser: a full disk', () => {
  it('shows "Not saved…" while writes fail and "All changes saved" once they succeed again, without a reload', async () => {
    const statement = page.locator(sel.recommendation).nth(0).locator(sel.statement)
    await statement.click()
    await page.keyboard.press('End')
    await page.keyboard.type(' Saved first.')
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
    const onServer = JSON.stringify(server.registry.peek(server.demoId)!.doc.getXmlFragment('content').toJSON())
    expect(onServer).toContain('Typed while the disk is full.')
  })
})
