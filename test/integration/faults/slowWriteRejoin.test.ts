import { once } from 'node:events'
import { describe, expect, it } from 'vitest'
import { textAt } from '../../helpers/draftDoc'
import { FaultyStore } from '../../helpers/faultyStore'
import { startTestServer, type TestServer } from '../../helpers/testServer'
import { testServersClosedAfterEach } from '../../helpers/testServers'
import { connectClient, draftText, waitFor, waitSynced, type YClient } from '../../helpers/yClient'

/**
 * F4: the last client leaves, and someone (re)joins while the write its leaving started is still on a slow
 * disk (500 ms): the joiner sees every edit, whether the draft is still loaded or was just unloaded.
 */

const SLOW_WRITE_MS = 500
const { servers, clients, dataDir: freshDataDir } = testServersClosedAfterEach()

async function slowServer(debounceMs = 10_000): Promise<{ server: TestServer; store: FaultyStore; token: string }> {
  const dataDir = freshDataDir()
  const store = new FaultyStore(dataDir)
  const server = await startTestServer({ dataDir, store, saveTiming: { debounceMs, maxWaitMs: debounceMs * 3 } })
  servers.push(server)
  store.writeDelayMs = SLOW_WRITE_MS
  return { server, store, token: await server.token('editor') }
}

async function join(server: TestServer, token: string): Promise<YClient> {
  const c = connectClient(server.url, server.demoId, token)
  clients.push(c)
  await waitSynced(c)
  return c
}

function leave(c: YClient): void {
  c.destroy()
  clients.splice(clients.indexOf(c), 1)
}

/** What a fresh server on the same data dir has (the disk, not memory). */
async function onDisk(server: TestServer, token: string): Promise<string> {
  const dataDir = server.dataDir
  await servers.splice(servers.indexOf(server), 1)[0]!.stop()
  const fresh = await startTestServer({ dataDir })
  servers.push(fresh)
  return draftText((await join(fresh, token)).doc)
}

describe('F4: rejoining while a slow write is in flight', () => {
  it('a new client joining during the write started by the last leave sees every edit', async () => {
    const { server, store, token } = await slowServer()
    const a = await join(server, token)
    for (let i = 0; i < 50; i++) textAt(a.doc).insert(0, `[a${i}]`)
    const expected = draftText(a.doc)
    const writeStarted = once(store.events, 'write-start')
    const startedAt = performance.now()
    leave(a)
    await writeStarted
    const b = await join(server, token)
    const joinedAfter = performance.now() - startedAt
    const writesDone = store.counts.okWrites
    const seen = draftText(b.doc)
    console.log(`F4 join during the leave's write: joined ${Math.round(joinedAfter)} ms after leaving (write takes ${SLOW_WRITE_MS} ms, writes done: ${writesDone}); sees all 50 edits: ${seen === expected}`)
    expect(writesDone).toBe(0)
    expect(seen).toBe(expected)
    textAt(b.doc).insert(0, '[b]')
    const final = draftText(b.doc)
    await waitFor(() => draftText(server.drafts.peek(server.demoId)!.doc) === final, 'the server has b’s edit')
    leave(b)
    expect(await onDisk(server, token)).toBe(final)
  })

  it('the same client reconnecting during a debounced write and the leave flush behind it sees every edit, including ones made offline', async () => {
    const { server, store, token } = await slowServer(50)
    const a = await join(server, token)
    // The debounced write is held on the disk until the rejoin has synced: it is surely in flight.
    const release = store.holdWrites()
    for (let i = 0; i < 20; i++) textAt(a.doc).insert(0, `[a${i}]`)
    await once(store.events, 'write-start')
    textAt(a.doc).insert(0, '[queued behind it]')
    a.provider.disconnect()
    textAt(a.doc).insert(0, '[offline]')
    const other = await join(server, token)
    a.provider.connect()
    await waitSynced(a)
    const expected = draftText(a.doc)
    await waitFor(() => draftText(other.doc) === expected, 'the other client has every edit')
    const writesDone = store.counts.okWrites
    release()
    console.log(`F4 reconnect during a debounced write: writes finished when the rejoin synced: ${writesDone}; rejoin and a second client agree: ${draftText(other.doc) === expected}`)
    expect(writesDone).toBe(0)
    expect(draftText(other.doc)).toBe(expected)
    expect(expected).toContain('[queued behind it]')
    expect(expected).toContain('[offline]')
    leave(a)
    leave(other)
    expect(await onDisk(server, token)).toBe(expected)
  })

  it('a client joining as the write finishes, or once the draft is unloaded, gets every edit from memory or disk', async () => {
    const { server, store, token } = await slowServer()
    const id = server.demoId
    const a = await join(server, token)
    for (let i = 0; i < 30; i++) textAt(a.doc).insert(0, `[a${i}]`)
    const expected = draftText(a.doc)
    const room = server.drafts.peek(id)
    const writeEnded = once(store.events, 'write-end')
    leave(a)
    await writeEnded
    const b = await join(server, token)
    const sameRoom = server.drafts.peek(id) === room
    const bText = draftText(b.doc)
    leave(b)
    await waitFor(() => server.drafts.peek(id) === undefined, 'the draft is unloaded once everyone has left')
    const c = await join(server, token)
    console.log(
      `F4 join as the write ends: served from ${sameRoom ? 'the draft still in memory' : 'disk (draft reloaded)'}, sees all edits: ` +
        `${bText === expected}; join after unload: loaded from disk, sees all edits: ${draftText(c.doc) === expected}`,
    )
    expect(bText).toBe(expected)
    expect(draftText(c.doc)).toBe(expected)
  })
})
