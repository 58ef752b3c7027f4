import { mkdtempSync, rmSync } from 'node:fs'
import { afterAll, beforeAll } from 'vitest'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { JSONContent } from '@tiptap/core'
import type { Role } from '../../shared/types'
import { demoDraftContent } from '../../server/demo/demoDraft'
import type { ServerConfig } from '../../server/config'
import { silentLogger } from '../../server/logger'
import { type RunningServer, startServer } from '../../server/startServer'
import { MemoryStore } from '../../server/store/MemoryStore'

export interface TestServer extends RunningServer {
  dataDir: string
  /** The demo draft's id. */
  demoId: string
  /**
   * A new draft (the demo's text unless given) that delegations may comment on while it is drafted,
   * as drafts were before phases: for tests about comments rather than phases.
   */
  openDraft(title: string, content?: JSONContent): Promise<string>
  /** Creates a participant with this role and returns an API token for it. */
  token(role: Role, name?: string, org?: string): Promise<string>
  /** Closes the server and removes the data dir (unless kept). */
  stop(): Promise<void>
}

/** A fresh temporary data directory (removed by the caller or at exit). */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'accord-test-'))
}

/**
 * Starts the real server on port 0. By default it uses the real LowdbStore in a temporary directory;
 * pass `memory: true` for a MemoryStore.
 */
export async function startTestServer(
  options: Partial<ServerConfig> & { memory?: boolean; keepDataDir?: boolean } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir()
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    logger: silentLogger,
    ...(options.memory ? { store: new MemoryStore() } : {}),
    ...options,
  })
  const docs = await server.documents.list()
  const demoId = docs[0]?.id ?? ''
  let counter = 0
  return {
    ...server,
    dataDir,
    demoId,
    async openDraft(title, content) {
      return (await server.documents.createWithContent(title, content ?? demoDraftContent(), undefined, { commentsOutsideConsultation: true })).id
    },
    async token(role, name, org) {
      counter++
      const p = await server.participants.create({ name: name ?? `${role} ${counter}`, org: org ?? 'NO', role })
      return server.participants.createApiToken(p.id)
    },
    async stop() {
      await server.close()
      if (!options.keepDataDir && !options.dataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * One server for the whole test file: started before its first test and stopped after its last. Returns
 * a getter, since the server exists only once the file's tests run.
 */
export function testServerForThisFile(options: Parameters<typeof startTestServer>[0] = {}): () => TestServer {
  let server: TestServer | null = null
  beforeAll(async () => {
    server = await startTestServer(options)
  })
  afterAll(async () => {
    await server?.stop()
  })
  return () => {
    if (!server) throw new Error('the server starts before the first test of the file')
    return server
  }
}
