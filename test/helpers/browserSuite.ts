import type { Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchBrowser } from './browser'
import { type TestServer, testServerForThisFile } from './testServer'

/**
 * A real server and a headless Chromium for the whole browser-test file: started before its first test,
 * closed after its last (the browser first). Each test file still signs in its own people
 * (`signedInPage`), each in their own browser context. Returns getters: both exist only once tests run.
 */
export function browserSuiteForThisFile(serverOptions: Parameters<typeof testServerForThisFile>[0] = {}): {
  server: () => TestServer
  browser: () => Browser
} {
  const server = testServerForThisFile(serverOptions)
  let launched: Awaited<ReturnType<typeof launchBrowser>> | null = null
  beforeAll(async () => {
    launched = await launchBrowser()
  })
  afterAll(async () => {
    await launched?.close()
  })
  return {
    server,
    browser: () => {
      if (!launched) throw new Error('the browser starts before the first test of the file')
      return launched.browser
    },
  }
}
