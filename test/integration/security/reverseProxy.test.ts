import { afterEach, describe, expect, it } from 'vitest'
import { configFromEnv } from '../../../server/config'
import { type ForwardingProxy, startForwardingProxy } from '../../helpers/forwardingProxy'
import { rawRequest, type RawRequest, type RawResponse } from '../../helpers/rawHttp'
import { startTestServer, type TestServer } from '../../helpers/testServer'

/**
 * Behind a reverse proxy every request comes from the proxy's address. With TRUST_PROXY the server takes
 * the client's address and protocol from the proxy's X-Forwarded-For and X-Forwarded-Proto: the sign-in
 * limit counts each client on its own, and the session cookie is Secure when the page is served over
 * https. Without it those headers are ignored, so no client can pick the address it is counted under.
 */

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function setUp(env: NodeJS.ProcessEnv): Promise<{ server: TestServer; proxy: ForwardingProxy }> {
  const { trustProxy } = configFromEnv(env)
  const server = await startTestServer(trustProxy === undefined ? {} : { trustProxy })
  cleanups.push(() => server.stop())
  const proxy = await startForwardingProxy(server.url, 'https')
  cleanups.push(() => proxy.close())
  return { server, proxy }
}

const signIn = (baseUrl: string, link: string, from: RawRequest = {}) =>
  rawRequest(baseUrl, '/api/auth/signin', { method: 'POST', body: { link }, ...from })

/** Wrong links from one client until it is refused with 429; how many were answered before. */
async function exhaust(baseUrl: string, from: RawRequest): Promise<number> {
  for (let i = 0; i < 30; i++) {
    const res = await signIn(baseUrl, `not-a-real-link-${String(i).padStart(4, '0')}`, from)
    if (res.status === 429) return i
    expect(res.status, res.text).toBe(401)
  }
  throw new Error('no 429 after 30 wrong links')
}

function cookieAttributes(res: RawResponse): string[] {
  const cookie = res.headers['set-cookie']?.find((c) => c.startsWith('accord_session='))
  if (!cookie) throw new Error(`no session cookie: ${res.status} ${res.text}`)
  return cookie.split(';').map((a) => a.trim().toLowerCase())
}

const clientA: RawRequest = { localAddress: '127.0.0.1' }
const clientB: RawRequest = { localAddress: '127.0.0.2' }

describe('behind a reverse proxy', () => {
  it('with TRUST_PROXY=1: each client behind the proxy has its own sign-in limit, and the cookie is Secure over https', async () => {
    const { server, proxy } = await setUp({ TRUST_PROXY: '1' })
    const linkFor = async (name: string) => server.participants.invite((await server.participants.create({ name, org: 'NO', role: 'commenter' })).id)

    const answered = await exhaust(proxy.url, clientA)
    // Client A names another address itself: the proxy appends the real one, and only that is believed.
    const spoofed = await signIn(proxy.url, await linkFor('Spoofing A'), { ...clientA, headers: { 'x-forwarded-for': '198.51.100.7' } })
    const other = await signIn(proxy.url, await linkFor('Kari Nordmann'), clientB)
    console.log(
      `TRUST_PROXY=1: client A refused after ${answered} attempts; A naming another address: ${spoofed.status}; ` +
        `client B through the same proxy: ${other.status}, cookie ${cookieAttributes(other).filter((a) => a === 'secure').join('') || 'not secure'}`,
    )
    expect(spoofed.status).toBe(429)
    expect(other.status).toBe(200)
    expect(cookieAttributes(other)).toContain('secure')
    // Links a chair makes through the proxy point at the https address people use.
    const chairToken = await server.token('chair')
    const invited = await rawRequest(proxy.url, '/api/participants', {
      method: 'POST',
      token: chairToken,
      body: { name: 'Elena Ortiz', org: 'WIPO', role: 'editor' },
    })
    expect((invited.json as { link: string }).link).toMatch(/^https:\/\//)
  })

  it('with TRUST_PROXY=loopback: the proxy at 127.0.0.1 is believed the same way', async () => {
    const { server, proxy } = await setUp({ TRUST_PROXY: 'loopback' })
    await exhaust(proxy.url, clientA)
    const p = await server.participants.create({ name: 'Kari Nordmann', org: 'NO', role: 'commenter' })
    const other = await signIn(proxy.url, await server.participants.invite(p.id), clientB)
    expect(other.status).toBe(200)
    expect(cookieAttributes(other)).toContain('secure')
  })

  it('without TRUST_PROXY: forwarded headers are ignored; a client cannot choose the address it is counted under', async () => {
    const { server, proxy } = await setUp({})
    const p = await server.participants.create({ name: 'Kari Nordmann', org: 'NO', role: 'commenter' })
    // Straight to the server, claiming https and a new address with every attempt.
    const claims = (i: number): RawRequest => ({ headers: { 'x-forwarded-for': `203.0.113.${i}`, 'x-forwarded-proto': 'https' } })
    const first = await signIn(server.url, await server.participants.invite(p.id), claims(200))
    expect(first.status).toBe(200)
    expect(cookieAttributes(first)).not.toContain('secure')
    let answered = 0
    const wrong = (i: number) => signIn(server.url, `not-a-real-link-${String(i).padStart(4, '0')}`, claims(i))
    while (answered < 30 && (await wrong(answered)).status === 401) answered++
    expect(answered).toBeLessThan(20)
    // Through the proxy every client is the proxy: they share its limit, and https is not believed.
    const viaProxy = await signIn(proxy.url, await server.participants.invite(p.id), clientB)
    console.log(`without TRUST_PROXY: refused after ${answered + 1} attempts with changing X-Forwarded-For; through the proxy: ${viaProxy.status}`)
    expect(viaProxy.status).toBe(429)
  })
})
