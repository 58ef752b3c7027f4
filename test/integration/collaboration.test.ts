import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { MESSAGE_SYNC, SYNC_UPDATE } from '../../shared/protocol'
import { connectClient, draftText, waitFor, waitSynced, type YClient } from '../helpers/yClient'
import { startTestServer, type TestServer } from '../helpers/testServer'
import { textAt } from '../helpers/draftDoc'

let server: TestServer | null = null
const clients: YClient[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await server?.stop()
  server = null
})

function client(token: string, documentId = server!.demoId): YClient {
  const c = connectClient(server!.url, documentId, token)
  clients.push(c)
  return c
}

/** Opens a raw socket and resolves with its close code (or 'open' if it opened). */
function rawConnect(url: string): Promise<{ ws: WebSocket; opened: boolean; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url)
    ws.on('open', () => resolve({ ws, opened: true }))
    ws.on('unexpected-response', (_req, res) => resolve({ ws, opened: false, status: res.statusCode }))
    ws.on('error', () => resolve({ ws, opened: false }))
  })
}

function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.on('close', (code) => resolve(code)))
}

describe('live co-editing through the relay', () => {
  it('two stock clients converge on concurrent edits, and a late joiner gets the full state', async () => {
    server = await startTestServer()
    const token = await server.token('editor')
    const a = client(token)
    const b = client(token)
    await Promise.all([waitSynced(a), waitSynced(b)])
    // Both type into the same paragraph at the same moment, without seeing each other first.
    textAt(a.doc).insert(0, 'ALPHA ')
    textAt(b.doc).insert(0, 'BETA ')
    textAt(a.doc).insert(10, '[a]')
    await waitFor(() => draftText(a.doc) === draftText(b.doc) && draftText(a.doc).includes('BETA'), 'clients converge')
    const text = draftText(a.doc)
    expect(text).toContain('ALPHA')
    expect(text).toContain('BETA')
    expect(text).toContain('[a]')

    const c = client(token)
    await waitSynced(c)
    expect(draftText(c.doc)).toBe(text)
  })

  it('keeps every edit across a server restart', async () => {
    server = await startTestServer({ keepDataDir: true })
    const dataDir = server.dataDir
    const token = await server.token('editor')
    const a = client(token)
    await waitSynced(a)
    textAt(a.doc).insert(0, 'Persisted words. ')
    const expected = draftText(a.doc)
    const room = server.drafts.peek(server.demoId)!
    await waitFor(() => draftText(room.doc) === expected, 'server has the edit')
    a.destroy()
    clients.length = 0
    await server.stop()
    server = await startTestServer({ dataDir })
    const b = client(token)
    await waitSynced(b)
    expect(draftText(b.doc)).toBe(expected)
  })

  it('refuses an unknown document id without creating it', async () => {
    server = await startTestServer()
    const token = await server.token('editor')
    const result = await rawConnect(`${server.url.replace('http', 'ws')}/collab/no-such-draft?token=${token}`)
    expect(result.opened).toBe(false)
    expect(result.status).toBe(404)
    expect(await server.documents.list()).toHaveLength(1)
    expect(server.drafts.peek('no-such-draft')).toBeUndefined()
  })

  it('closes an oversize message with 1009 and a garbage message with 1007, and others carry on', async () => {
    server = await startTestServer()
    const token = await server.token('editor')
    const a = client(token)
    const b = client(token)
    await Promise.all([waitSynced(a), waitSynced(b)])
    const url = `${server.url.replace('http', 'ws')}/collab/${server.demoId}?token=${token}`

    const big = await rawConnect(url)
    expect(big.opened).toBe(true)
    const bigClosed = closeCode(big.ws)
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, MESSAGE_SYNC)
    encoding.writeVarUint(e, SYNC_UPDATE)
    encoding.writeVarUint8Array(e, new Uint8Array(3 * 1024 * 1024))
    big.ws.send(encoding.toUint8Array(e))
    expect(await bigClosed).toBe(1009)

    const garbage = await rawConnect(url)
    const garbageClosed = closeCode(garbage.ws)
    garbage.ws.send(new Uint8Array([0, 2, 200, 1, 2, 3, 255, 255]))
    expect(await garbageClosed).toBe(1007)

    textAt(a.doc).insert(0, 'still working ')
    await waitFor(() => draftText(b.doc).includes('still working'), 'b receives a after the attacks')
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true)
  })

  it('relays updates made before syncing (offline edits) once connected', async () => {
    server = await startTestServer()
    const token = await server.token('editor')
    const a = client(token)
    await waitSynced(a)
    const offline = new Y.Doc()
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(a.doc))
    textAt(offline).insert(0, 'written offline ')
    const b = connectClient(server.url, server.demoId, token, { doc: offline })
    clients.push(b)
    await waitFor(() => draftText(a.doc).includes('written offline'), 'a receives the offline edit')
  })
})
