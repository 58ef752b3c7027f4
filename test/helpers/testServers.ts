import { rmSync } from 'node:fs'
import { afterEach } from 'vitest'
import { tempDataDir, type TestServer } from './testServer'
import type { YClient } from './yClient'

/**
 * In-process servers, clients and data dirs a test file opens, all closed after each test: clients first,
 * then servers, then the data dirs are removed.
 */
export function testServersClosedAfterEach() {
  const servers: TestServer[] = []
  const clients: YClient[] = []
  const dirs: string[] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    for (const s of servers.splice(0)) await s.stop()
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })
  return {
    servers,
    clients,
    /** A fresh data dir, removed after the test (pass it to startTestServer to restart on it). */
    dataDir(): string {
      const dir = tempDataDir()
      dirs.push(dir)
      return dir
    },
  }
}
