import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Me, Participant } from '../../../shared/types'
import { readAdminFile } from '../../../server/adminFile'
import { ADMIN_HEADER } from '../../../server/routes/adminRoutes'
import { cookiePair, errorMessage, rawRequest, type RawResponse } from '../../helpers/rawHttp'
import { startTestServer, type TestServer } from '../../helpers/testServer'

/** Issue 3 sign-in: one-time links, session cookies, sign-out, expiry, revocation, rate limits, hashing. */

const DAY = 24 * 60 * 60 * 1000
const servers: TestServer[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop()
})

async function start(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const s = await startTestServer(options)
  servers.push(s)
  return s
}

/** A controllable clock for credentials. */
function clock(): { now: () => Date; advance(ms: number): void } {
  let t = Date.now()
  return { now: () => new Date(t), advance: (ms) => void (t += ms) }
}

const signIn = (server: TestServer, link: string, extra: Parameters<typeof rawRequest>[2] = {}) =>
  rawRequest(server.url, '/api/auth/signin', { method: 'POST', body: { link }, ...extra })

function sessionCookie(res: RawResponse): string {
  const header = res.headers['set-cookie']?.find((c) => c.startsWith('accord_session='))
  if (!header) throw new Error(`no session cookie in ${JSON.stringify(res.headers['set-cookie'])}`)
  return header
}

const me = (server: TestServer, cookie: string) => rawRequest(server.url, '/api/me', { cookie })

async function delegate(server: TestServer, name = 'Ana Delegate'): Promise<Participant> {
  return server.participants.create({ name, org: 'MZ', role: 'commenter' })
}

/** Every file under a directory, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

describe('sign-in links', () => {
  it('set an HttpOnly, SameSite=Lax session cookie, and work exactly once', async () => {
    const server = await start()
    const p = await delegate(server)
    const link = await server.participants.invite(p.id)

    const first = await signIn(server, link)
    expect(first.status).toBe(200)
    expect(first.json).toEqual({ id: p.id, name: 'Ana Delegate', org: 'MZ', role: 'commenter', focalPoint: false, language: null } satisfies Me)
    const setCookie = sessionCookie(first)
    const attributes = setCookie.split(';').map((a) => a.trim().toLowerCase())
    expect(attributes).toContain('httponly')
    expect(attributes).toContain('samesite=lax')
    expect(attributes).toContain('path=/')
    const cookie = cookiePair(setCookie)
    expect(cookie.slice('accord_session='.length)).not.toBe(link)

    const who = await me(server, cookie)
    expect(who.status).toBe(200)
    expect(who.json).toEqual(first.json)
    expect((await server.participants.get(p.id))?.lastSignInAt).toBeDefined()

    const second = await signIn(server, link)
    expect(second.status).toBe(401)
    expect(errorMessage(second)).toMatch(/already been used/)
    expect(second.headers['set-cookie']).toBeUndefined()
    // The first session is unaffected by the refused reuse.
    expect((await me(server, cookie)).status).toBe(200)
  })

  it('the link printed at first start signs in the first chair once, and is not printed again after that', async () => {
    const server = await start({ keepDataDir: true })
    expect(server.chairSignInLink).toMatch(/\/signin(\?next=[^#]+)?#[A-Za-z0-9_-]{40,}$/)
    const secret = server.chairSignInLink!.split('#')[1]!
    const res = await signIn(server, secret)
    expect(res.status).toBe(200)
    expect((res.json as Me).role).toBe('chair')
    expect((await signIn(server, secret)).status).toBe(401)
    const dataDir = server.dataDir
    servers.pop()
    await server.stop()
    const again = await start({ dataDir })
    expect(again.chairSignInLink).toBeUndefined()
  })

  it('is refused once expired: 14 days by default, or as set by the chair', async () => {
    const time = clock()
    const server = await start({ now: time.now })
    // One participant each: a new link replaces a participant's earlier ones.
    const defaultLink = await server.participants.invite((await delegate(server, 'Ana Default')).id)
    const twoDayLink = await server.participants.invite((await delegate(server, 'Ana Twoday')).id, 2)
    const unusedLink = await server.participants.invite((await delegate(server, 'Ana Unused')).id)

    time.advance(2 * DAY + 1000)
    const short = await signIn(server, twoDayLink)
    expect(short.status).toBe(401)
    expect(errorMessage(short)).toMatch(/expired/)

    time.advance(12 * DAY - 2000) // 14 days minus a second since issue: still valid
    expect((await signIn(server, defaultLink)).status).toBe(200)

    time.advance(2000) // 14 days and a second
    const late = await signIn(server, unusedLink)
    expect(late.status).toBe(401)
    expect(errorMessage(late)).toMatch(/expired/)
  })

  it('a chair can set the expiry of an invitation through the API', async () => {
    const time = clock()
    const server = await start({ now: time.now })
    const chairToken = await server.token('chair')
    const res = await rawRequest(server.url, '/api/participants', {
      method: 'POST',
      token: chairToken,
      body: { name: 'Short Notice', org: 'NG', role: 'observer', expiresInDays: 1 },
    })
    expect(res.status).toBe(201)
    const secret = (res.json as { link: string }).link.split('#')[1]!
    time.advance(DAY + 1000)
    expect((await signIn(server, secret)).status).toBe(401)
  })

  it('sessions and API tokens expire too', async () => {
    const time = clock()
    const server = await start({ now: time.now })
    const p = await delegate(server)
    const cookie = cookiePair(sessionCookie(await signIn(server, await server.participants.invite(p.id))))
    const token = await server.participants.createApiToken(p.id, 7)
    expect((await rawRequest(server.url, '/api/me', { token })).status).toBe(200)
    time.advance(7 * DAY + 1000)
    const expiredToken = await rawRequest(server.url, '/api/me', { token })
    expect(expiredToken.status).toBe(401)
    expect(errorMessage(expiredToken)).toMatch(/token is not valid/)
    expect((await me(server, cookie)).status).toBe(200)
    time.advance(30 * DAY)
    expect((await me(server, cookie)).status).toBe(401)
  })

  it('stop working for a revoked participant: links, sessions and tokens', async () => {
    const server = await start()
    const chairToken = await server.token('chair')
    const p = await delegate(server)
    const cookie = cookiePair(sessionCookie(await signIn(server, await server.participants.invite(p.id))))
    const token = await server.participants.createApiToken(p.id)
    const pendingLink = await server.participants.invite(p.id)

    const revoke = await rawRequest(server.url, `/api/participants/${p.id}`, { method: 'DELETE', token: chairToken })
    expect(revoke.status).toBe(200)
    expect((revoke.json as Participant).revokedAt).toBeDefined()

    expect((await signIn(server, pendingLink)).status).toBe(401)
    expect((await me(server, cookie)).status).toBe(401)
    expect((await rawRequest(server.url, '/api/me', { token })).status).toBe(401)
    // And a new link cannot be issued to them without inviting them again.
    const relink = await rawRequest(server.url, `/api/participants/${p.id}/link`, { method: 'POST', token: chairToken, body: {} })
    expect(relink.status).toBe(409)
  })

  it('a new link replaces the earlier unused ones: from "New link" and from a repeated invitation', async () => {
    const server = await start()
    const chairToken = await server.token('chair')
    const invited = await rawRequest(server.url, '/api/participants', {
      method: 'POST',
      token: chairToken,
      body: { name: 'Ana Delegate', org: 'MZ', role: 'commenter' },
    })
    expect(invited.status).toBe(201)
    const { participant, link: firstLink } = invited.json as { participant: Participant; link: string }
    const secretOf = (link: string) => link.split('#')[1]!

    // The chair makes a new link (the first was lost): the first no longer signs anyone in.
    const renewed = await rawRequest(server.url, `/api/participants/${participant.id}/link`, { method: 'POST', token: chairToken })
    expect(renewed.status).toBe(201)
    const secondLink = (renewed.json as { link: string }).link
    // The server's command line invites the same person again (`npm run accord -- invite` while it runs).
    const admin = (await readAdminFile(server.dataDir))!
    const again = await rawRequest(server.url, '/api/admin/link', {
      method: 'POST',
      headers: { [ADMIN_HEADER]: admin.secret },
      body: { name: 'Ana Delegate', org: 'MZ', role: 'commenter' },
    })
    expect(again.status).toBe(200)
    const thirdLink = (again.json as { link: string }).link

    for (const old of [firstLink, secondLink]) {
      const refused = await signIn(server, secretOf(old))
      expect(refused.status).toBe(401)
      expect((refused.json as { code: string }).code).toBe('auth.linkInvalid')
      expect(refused.headers['set-cookie']).toBeUndefined()
    }
    const latest = await signIn(server, secretOf(thirdLink))
    expect(latest.status).toBe(200)
    expect((latest.json as Me).id).toBe(participant.id)
  })

  it('refuses a sign-in posted from another site (login CSRF)', async () => {
    const server = await start()
    const link = await server.participants.invite((await delegate(server)).id)
    const res = await signIn(server, link, { headers: { origin: 'https://evil.example' } })
    expect(res.status).toBe(403)
    expect(errorMessage(res)).toMatch(/origin/i)
    expect((await signIn(server, link)).status).toBe(200)
  })
})

describe('sign-out', () => {
  it('ends the session: the cookie no longer works, even if kept', async () => {
    const server = await start()
    const p = await delegate(server)
    const cookie = cookiePair(sessionCookie(await signIn(server, await server.participants.invite(p.id))))
    expect((await me(server, cookie)).status).toBe(200)

    const out = await rawRequest(server.url, '/api/auth/signout', { method: 'POST', cookie })
    expect(out.status).toBe(200)
    const cleared = sessionCookie(out)
    expect(cleared).toMatch(/^accord_session=;/)
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/)

    const after = await me(server, cookie)
    expect(after.status).toBe(401)
    expect(errorMessage(after)).toMatch(/sign in/i)
    const hash = sha256(cookie.slice('accord_session='.length))
    expect(readFileSync(join(server.dataDir, 'workspace.json'), 'utf8')).not.toContain(hash)
  })
})

describe('sign-in rate limit', () => {
  it('refuses attempts beyond the burst from one IP with 429, whatever X-Forwarded-For says; other IPs are not affected', async () => {
    const server = await start()
    const p = await delegate(server)
    const validLink = await server.participants.invite(p.id)
    const statuses: number[] = []
    for (let i = 0; i < 12; i++) {
      statuses.push((await signIn(server, `not-a-real-link-${i.toString().padStart(4, '0')}`)).status)
    }
    const allowed = statuses.filter((s) => s === 401).length
    console.log(`sign-in rate limit: ${allowed} attempts answered, then ${statuses.filter((s) => s === 429).length} refused with 429`)
    expect(statuses.slice(0, allowed).every((s) => s === 401)).toBe(true)
    expect(statuses.slice(allowed).every((s) => s === 429)).toBe(true)
    expect(allowed).toBeGreaterThanOrEqual(5)
    expect(allowed).toBeLessThanOrEqual(20)

    // Even a valid link is refused now, and spoofing a proxy header does not help.
    const limited = await signIn(server, validLink, { headers: { 'x-forwarded-for': '203.0.113.9' } })
    expect(limited.status).toBe(429)
    expect(errorMessage(limited)).toMatch(/Too many sign-in attempts/)
    // The link was not spent by the refused attempt: from another address it still works.
    const elsewhere = await signIn(server, validLink, { localAddress: '127.0.0.2' })
    expect(elsewhere.status).toBe(200)
  })
})

describe('secrets at rest', () => {
  it('stores links, sessions and API tokens only as hashes', async () => {
    const server = await start()
    const p = await delegate(server)
    const usedLink = await server.participants.invite(p.id)
    const session = cookiePair(sessionCookie(await signIn(server, usedLink))).slice('accord_session='.length)
    const pendingLink = await server.participants.invite((await delegate(server, 'Ana Pending')).id)
    const token = await server.participants.createApiToken(p.id)
    const chairLink = server.chairSignInLink!.split('#')[1]!
    const secrets = { usedLink, session, pendingLink, token, chairLink }

    const workspace = readFileSync(join(server.dataDir, 'workspace.json'), 'utf8')
    for (const [what, secret] of Object.entries(secrets)) {
      expect(workspace, `${what} must be stored hashed`).toContain(sha256(secret))
    }
    for (const file of filesUnder(server.dataDir)) {
      const content = readFileSync(file)
      for (const [what, secret] of Object.entries(secrets)) {
        expect(content.includes(secret), `${what} appears in ${file}`).toBe(false)
      }
    }
  })
})
