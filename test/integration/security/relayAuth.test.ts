import { connect } from 'node:net'
import { performance } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MemoryStore } from '../../../server/store/MemoryStore'
import { cookiePair, rawRequest } from '../../helpers/rawHttp'
import { collabUrl, connectionsClosedAfterEach, RawPeer, tryUpgrade } from '../../helpers/rawSocket'
import { startTestServer, type TestServer } from '../../helpers/testServer'
import { connectClient, waitFor, waitSynced } from '../../helpers/yClient'

/**
 * Issue 3 / attack A3: the WebSocket upgrade needs a valid credential and an allowed Origin, and is refused
 * before any document is touched. Revocation, sign-out and expiry close sockets that are already open.
 */

const DAY = 24 * 60 * 60 * 1000
const FOREIGN = 'https://evil.example'

/** Counts reads of document state, to prove a refused upgrade never touched the draft. */
class CountingStore extends MemoryStore {
  documentLoads = 0
  override async loadDocumentState(id: string): Promise<Uint8Array[]> {
    this.documentLoads++
    return super.loadDocumentState(id)
  }
}

const { clients, peers } = connectionsClosedAfterEach()

async function peer(url: string, headers: Record<string, string> = {}): Promise<RawPeer> {
  const p = await RawPeer.open(url, headers)
  peers.push(p)
  return p
}

describe('WebSocket upgrade refusals (A3)', () => {
  let server: TestServer
  let store: CountingStore
  let t = Date.now()
  const credentials: Record<string, string> = {}

  beforeAll(async () => {
    store = new CountingStore()
    server = await startTestServer({ store, now: () => new Date(t) })
    credentials.valid = await server.token('editor')
    const expiring = await server.participants.create({ name: 'Short Lived', org: 'AU', role: 'editor' })
    credentials.expired = await server.participants.createApiToken(expiring.id, 1)
    const revoked = await server.participants.create({ name: 'Gone', org: 'DE', role: 'editor' })
    credentials.revoked = await server.participants.createApiToken(revoked.id)
    credentials.linkAsToken = await server.participants.invite(revoked.id)
    await server.participants.revoke(revoked.id)
    const signer = await server.participants.create({ name: 'Session Holder', org: 'LT', role: 'editor' })
    const res = await rawRequest(server.url, '/api/auth/signin', {
      method: 'POST',
      body: { link: await server.participants.invite(signer.id) },
    })
    credentials.sessionAsToken = cookiePair(res.headers['set-cookie']![0]!).split('=')[1]!
    t += DAY + 1000 // the one-day token is now expired
  })
  afterAll(async () => {
    await server?.stop()
  })

  const cases: { name: string; token?: keyof typeof credentials | 'forged'; origin?: string; status: number; message: RegExp }[] = [
    { name: 'a foreign Origin, even with a valid token', token: 'valid', origin: FOREIGN, status: 403, message: /origin/i },
    { name: 'a look-alike Origin', token: 'valid', origin: 'http://127.0.0.1.evil.example', status: 403, message: /origin/i },
    { name: 'the opaque "null" Origin of sandboxed frames', token: 'valid', origin: 'null', status: 403, message: /origin/i },
    { name: 'a foreign Origin without a token', origin: FOREIGN, status: 403, message: /origin/i },
    { name: 'no token', status: 401, message: /sign in/i },
    { name: 'a forged token', token: 'forged', status: 401, message: /not valid/ },
    { name: 'an expired token', token: 'expired', status: 401, message: /not valid/ },
    { name: 'a revoked participant’s token', token: 'revoked', status: 401, message: /not valid/ },
    { name: 'a sign-in link used as a token', token: 'linkAsToken', status: 401, message: /not valid/ },
    { name: 'a session secret put in the URL', token: 'sessionAsToken', status: 401, message: /not valid/ },
  ]

  it.each(cases.map((c) => [c.name, c] as const))('refuses %s', async (_name, c) => {
    const token = c.token === undefined ? undefined : c.token === 'forged' ? 'Zm9yZ2VkLXRva2Vu-not-issued-by-us' : credentials[c.token]
    const headers: Record<string, string> = c.origin ? { origin: c.origin } : {}
    const result = await tryUpgrade(collabUrl(server.url, server.demoId, token), headers)
    expect(result.opened).toBe(false)
    if (result.opened) return
    expect(result.status).toBe(c.status)
    expect((result.json as { error?: string }).error).toMatch(c.message)
    expect(server.drafts.peek(server.demoId), 'the draft must not be loaded').toBeUndefined()
    expect(store.documentLoads).toBe(0)
    expect(server.relay.connectionCount).toBe(0)
  })

  it('refuses a session cookie from a foreign Origin (cross-site WebSocket hijacking)', async () => {
    const result = await tryUpgrade(collabUrl(server.url, server.demoId), {
      origin: FOREIGN,
      cookie: `accord_session=${credentials.sessionAsToken}`,
    })
    expect(result.opened).toBe(false)
    expect(!result.opened && result.status).toBe(403)
    expect(store.documentLoads).toBe(0)
  })

  it('accepts the same credential from the app’s own origin, and only then loads the draft', async () => {
    const p = await peer(collabUrl(server.url, server.demoId, credentials.valid), { origin: server.url })
    expect(p.open).toBe(true)
    expect(store.documentLoads).toBe(1)
    expect(server.drafts.peek(server.demoId)).toBeDefined()
  })
})

/** Sends a hand-written upgrade request and resolves with the status line the server answers. */
function rawUpgrade(serverUrl: string, path: string, headers: Record<string, string>): Promise<string> {
  const { hostname, port } = new URL(serverUrl)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      const lines = [`GET ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Connection: Upgrade', 'Upgrade: websocket']
      for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`)
      socket.write(`${lines.join('\r\n')}\r\n\r\n`)
    })
    let answer = ''
    socket.on('data', (d: Buffer) => (answer += d.toString()))
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''))
    socket.on('error', reject)
  })
}

describe('handshakes that fail after authentication', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ memory: true })
  })
  afterAll(async () => {
    await server?.stop()
  })

  it.each([
    ['an invalid Sec-WebSocket-Key', { 'Sec-WebSocket-Key': 'not-a-key', 'Sec-WebSocket-Version': '13' }],
    ['an unsupported WebSocket version', { 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version': '7' }],
  ])('%s is refused and does not keep the draft loaded', async (_name, headers) => {
    const token = await server.token('observer')
    const statusLine = await rawUpgrade(server.url, `/collab/${server.demoId}?token=${token}`, headers)
    expect(statusLine).toMatch(/^HTTP\/1\.1 400/)
    await waitFor(() => server.drafts.peek(server.demoId) === undefined, 'the draft is unloaded again', 5000)
    expect(server.drafts.loadedCount).toBe(0)
  })
})

describe('allowed origins', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ memory: true, allowedOrigins: ['https://drafts.example.org'] })
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('accepts an origin listed in ALLOWED_ORIGINS, the app’s own origin, and scripts without an Origin', async () => {
    const token = await server.token('editor')
    for (const origin of ['https://drafts.example.org', server.url, undefined]) {
      const p = await peer(collabUrl(server.url, server.demoId, token), origin ? { origin } : {})
      expect(p.open, `origin ${origin}`).toBe(true)
    }
    const foreign = await tryUpgrade(collabUrl(server.url, server.demoId, token), { origin: 'https://drafts.example.org.evil.example' })
    expect(!foreign.opened && foreign.status).toBe(403)
  })

  it('a stock y-websocket client with a token syncs', async () => {
    const c = connectClient(server.url, server.demoId, await server.token('observer'))
    clients.push(c)
    await waitSynced(c)
    expect(c.doc.getXmlFragment('content').length).toBeGreaterThan(0)
  })
})

describe('open sockets lose access within 5 s', () => {
  let server: TestServer
  const t = { now: Date.now() }
  beforeAll(async () => {
    server = await startTestServer({ memory: true, now: () => new Date(t.now) })
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('revocation closes every socket of that participant with 4403, and the stock client stops reconnecting', async () => {
    const chairToken = await server.token('chair')
    const editor = await server.participants.create({ name: 'Revoked Editor', org: 'NO', role: 'editor' })
    const token = await server.participants.createApiToken(editor.id)
    const raw = await peer(collabUrl(server.url, server.demoId, token))
    const stock = connectClient(server.url, server.demoId, token)
    clients.push(stock)
    await waitSynced(stock)
    const stockClosed = new Promise<{ code: number; at: number }>((resolve) =>
      stock.provider.on('closed', (event) => resolve({ code: event.code, at: performance.now() })),
    )
    const bystander = await peer(collabUrl(server.url, server.demoId, await server.token('observer')))

    const start = performance.now()
    const res = await rawRequest(server.url, `/api/participants/${editor.id}`, { method: 'DELETE', token: chairToken })
    expect(res.status).toBe(200)
    const [rawClose, stockClose] = await Promise.all([raw.closed, stockClosed])
    const ms = Math.max(rawClose.at, stockClose.at) - start
    console.log(`revocation → sockets closed: raw ${Math.round(rawClose.at - start)} ms, stock ${Math.round(stockClose.at - start)} ms (limit 5000 ms)`)
    expect(rawClose.code).toBe(4403)
    expect(rawClose.reason).toMatch(/revoked/)
    expect(stockClose.code).toBe(4403)
    expect(ms).toBeLessThan(5000)
    expect(bystander.open).toBe(true)
    await waitFor(() => server.relay.connectionsOn(server.demoId).length === 1, 'only the bystander stays connected')
    expect(stock.provider.shouldConnect).toBe(false)
  })

  it('sign-out closes the sockets opened with that session, and the cookie cannot reopen one', async () => {
    const p = await server.participants.create({ name: 'Signing Out', org: 'MX', role: 'commenter' })
    const res = await rawRequest(server.url, '/api/auth/signin', { method: 'POST', body: { link: await server.participants.invite(p.id) } })
    const cookie = cookiePair(res.headers['set-cookie']![0]!)
    const socket = await peer(collabUrl(server.url, server.demoId), { cookie, origin: server.url })

    const start = performance.now()
    expect((await rawRequest(server.url, '/api/auth/signout', { method: 'POST', cookie })).status).toBe(200)
    const closed = await socket.closed
    console.log(`sign-out → socket closed in ${Math.round(closed.at - start)} ms (limit 5000 ms)`)
    expect(closed.code).toBe(4403)
    expect(closed.at - start).toBeLessThan(5000)
    const again = await tryUpgrade(collabUrl(server.url, server.demoId), { cookie, origin: server.url })
    expect(!again.opened && again.status).toBe(401)
  })

  it('a token that expires while connected closes its socket', async () => {
    const p = await server.participants.create({ name: 'Expiring', org: 'AU', role: 'editor' })
    const token = await server.participants.createApiToken(p.id, 1)
    const socket = await peer(collabUrl(server.url, server.demoId, token))
    const start = performance.now()
    t.now += DAY + 1000
    const closed = await socket.closed
    console.log(`token expiry → socket closed in ${Math.round(closed.at - start)} ms (limit 5000 ms)`)
    expect(closed.code).toBe(4403)
    expect(closed.at - start).toBeLessThan(5000)
  })
})
