import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROLES, type Comment, type Participant, type Role } from '../../../shared/types'
import type { CreateCommentInput } from '../../../server/comments/CommentService'
import { demoDraftContent } from '../../../server/demo/demoDraft'
import { errorMessage, rawRequest, type RawResponse } from '../../helpers/rawHttp'
import { startTestServer, type TestServer } from '../../helpers/testServer'

/**
 * Issue 3 "every REST route checks the role": every route under /api × every role, plus no credentials and
 * a forged token. The matrix is data: a new route gets a row in ROUTES, and the completeness test below
 * fails until it does.
 */

type Column = 'anonymous' | 'forged token' | Role
const COLUMNS: readonly Column[] = ['anonymous', 'forged token', ...ROLES]
const FORGED_TOKEN = 'Zm9yZ2VkLXRva2VuLXRoYXQtbm9ib2R5LWV2ZXItaXNzdWVk'

/** Who makes the request: a role with its own participant and token, or nobody. */
interface Actor {
  column: Column
  token?: string
  /** The participant behind the token; for anonymous and forged actors, the fixture chair. */
  participant: Participant
  canComment: boolean
}

/** What the fixtures offer each row to build a request that would succeed for an allowed role. */
interface Fixture {
  server: TestServer
  chair: Participant
  /** A draft shared by rows that only read or add. */
  sharedDraft: string
  freshDraft(): Promise<string>
  freshParticipant(): Promise<Participant>
  comment(documentId: string, author: Participant, input?: Partial<CreateCommentInput>): Promise<Comment>
}

interface Prepared {
  params?: Record<string, string>
  /** A JSON body. */
  body?: unknown
  /** A non-JSON body (file uploads) with its content type. */
  upload?: { bytes: string; contentType: string }
  query?: string
}

interface RouteCase {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  /** The Express pattern, with the /api prefix. */
  route: string
  /** Roles allowed; 'public' needs no sign-in; 'admin' is only for `npm run accord` (per-run secret). */
  access: readonly Role[] | 'public' | 'admin'
  /** Answered before credentials are looked at (a forged token does not matter). */
  beforeIdentify?: boolean
  /** Status for an allowed caller (default 200). */
  success?: number
  /** Content type of a successful answer (default JSON). */
  contentType?: RegExp
  prepare?(fx: Fixture, actor: Actor): Promise<Prepared>
}

const ALL: readonly Role[] = ROLES
const COMMENTERS: readonly Role[] = ['chair', 'editor', 'commenter']
const WRITERS: readonly Role[] = ['chair', 'editor']
const CHAIRS: readonly Role[] = ['chair']
const QUOTE = 'Accept electronic filing for all procedures'
const COMMENTS = '/api/documents/:id/comments'
const IMPORT_CSV = 'Member State,Type,Location,Quoted text,Comment\r\nNO,te,Recommendation 1,electronic filing,An imported comment.\r\n'

/** A comment on the shared draft; authored by the actor when the actor may comment (edit/withdraw own). */
const ownComment = async (fx: Fixture, actor: Actor): Promise<Prepared> => {
  const c = await fx.comment(fx.sharedDraft, actor.canComment ? actor.participant : fx.chair)
  return { params: { id: fx.sharedDraft, cid: c.id } }
}

const ROUTES: readonly RouteCase[] = [
  { method: 'GET', route: '/api/health', access: 'public', beforeIdentify: true },
  { method: 'GET', route: '/api/me', access: ALL },
  {
    method: 'POST',
    route: '/api/auth/signin',
    access: 'public',
    prepare: async (fx) => ({ body: { link: await fx.server.participants.invite((await fx.freshParticipant()).id) } }),
  },
  { method: 'POST', route: '/api/auth/signout', access: 'public' },
  { method: 'GET', route: '/api/documents', access: ALL },
  { method: 'POST', route: '/api/documents', access: WRITERS, success: 201, prepare: async () => ({ body: { title: 'Matrix draft' } }) },
  { method: 'GET', route: '/api/documents/:id', access: ALL, prepare: async (fx) => ({ params: { id: fx.sharedDraft } }) },
  {
    method: 'PATCH',
    route: '/api/documents/:id',
    access: WRITERS,
    prepare: async (fx) => ({ params: { id: await fx.freshDraft() }, body: { title: 'Renamed draft' } }),
  },
  { method: 'GET', route: '/api/participants', access: CHAIRS },
  {
    method: 'POST',
    route: '/api/participants',
    access: CHAIRS,
    success: 201,
    prepare: async () => ({ body: { name: 'Invited Delegate', org: 'DE', role: 'commenter' } }),
  },
  {
    method: 'POST',
    route: '/api/participants/:id/link',
    access: CHAIRS,
    success: 201,
    prepare: async (fx) => ({ params: { id: (await fx.freshParticipant()).id }, body: {} }),
  },
  {
    method: 'PATCH',
    route: '/api/participants/:id',
    access: CHAIRS,
    prepare: async (fx) => ({ params: { id: (await fx.freshParticipant()).id }, body: { role: 'editor' } }),
  },
  {
    method: 'DELETE',
    route: '/api/participants/:id',
    access: CHAIRS,
    prepare: async (fx) => ({ params: { id: (await fx.freshParticipant()).id } }),
  },
  { method: 'GET', route: COMMENTS, access: ALL, prepare: async (fx) => ({ params: { id: fx.sharedDraft } }) },
  {
    method: 'POST',
    route: COMMENTS,
    access: COMMENTERS,
    success: 201,
    prepare: async (fx) => ({ params: { id: fx.sharedDraft }, body: { type: 'general', body: 'A general comment.' } }),
  },
  {
    method: 'GET',
    route: `${COMMENTS}/:cid`,
    access: ALL,
    prepare: async (fx) => ({ params: { id: fx.sharedDraft, cid: (await fx.comment(fx.sharedDraft, fx.chair)).id } }),
  },
  {
    method: 'PATCH',
    route: `${COMMENTS}/:cid`,
    access: COMMENTERS,
    prepare: async (fx, actor) => ({ ...(await ownComment(fx, actor)), body: { body: 'Edited comment.' } }),
  },
  { method: 'DELETE', route: `${COMMENTS}/:cid`, access: COMMENTERS, prepare: ownComment },
  {
    method: 'POST',
    route: `${COMMENTS}/:cid/replies`,
    access: COMMENTERS,
    success: 201,
    prepare: async (fx) => ({
      params: { id: fx.sharedDraft, cid: (await fx.comment(fx.sharedDraft, fx.chair)).id },
      body: { body: 'A reply.' },
    }),
  },
  {
    method: 'POST',
    route: `${COMMENTS}/:cid/resolve`,
    access: CHAIRS,
    prepare: async (fx) => ({
      params: { id: fx.sharedDraft, cid: (await fx.comment(fx.sharedDraft, fx.chair)).id },
      body: { disposition: 'noted' },
    }),
  },
  {
    method: 'POST',
    route: `${COMMENTS}/:cid/reopen`,
    access: CHAIRS,
    prepare: async (fx) => {
      const c = await fx.comment(fx.sharedDraft, fx.chair)
      await fx.server.comments.resolve(fx.sharedDraft, c.id, fx.chair, 'accepted', '')
      return { params: { id: fx.sharedDraft, cid: c.id }, body: {} }
    },
  },
  {
    method: 'POST',
    route: `${COMMENTS}/:cid/anchor`,
    access: WRITERS,
    prepare: async (fx) => {
      const c = await fx.comment(fx.sharedDraft, fx.chair, { anchor: { quote: QUOTE } })
      return { params: { id: fx.sharedDraft, cid: c.id }, body: { anchor: { quote: 'electronic processing' } } }
    },
  },
  {
    method: 'POST',
    route: `${COMMENTS}/:cid/apply`,
    access: WRITERS,
    prepare: async (fx) => {
      const id = await fx.freshDraft()
      const c = await fx.comment(id, fx.chair, { anchor: { quote: QUOTE }, proposedChange: 'Accept e-filing for every procedure' })
      return { params: { id, cid: c.id }, body: {} }
    },
  },
  {
    method: 'GET',
    route: `${COMMENTS}/export`,
    access: ALL,
    contentType: /^text\/csv/,
    prepare: async (fx) => ({ params: { id: fx.sharedDraft }, query: '?format=csv' }),
  },
  {
    method: 'GET',
    route: '/api/documents/:id/export',
    access: ALL,
    contentType: /^text\/markdown/,
    prepare: async (fx) => ({ params: { id: fx.sharedDraft }, query: '?format=md' }),
  },
  {
    method: 'POST',
    route: `${COMMENTS}/import/preview`,
    access: CHAIRS,
    prepare: async (fx) => ({ params: { id: fx.sharedDraft }, upload: { bytes: IMPORT_CSV, contentType: 'text/csv' } }),
  },
  {
    method: 'POST',
    route: `${COMMENTS}/import`,
    access: CHAIRS,
    success: 201,
    prepare: async (fx) => ({ params: { id: await fx.freshDraft() }, upload: { bytes: IMPORT_CSV, contentType: 'text/csv' } }),
  },
  {
    method: 'POST',
    route: '/api/admin/token',
    access: 'admin',
    beforeIdentify: true,
    prepare: async () => ({ body: { name: 'Script', org: 'NO', role: 'chair' } }),
  },
  {
    method: 'POST',
    route: '/api/admin/link',
    access: 'admin',
    beforeIdentify: true,
    prepare: async () => ({ body: { name: 'Script', org: 'NO', role: 'chair' } }),
  },
]

/** The status a column must get on a route. */
function expectedStatus(c: RouteCase, column: Column): number {
  const success = c.success ?? 200
  if (c.access === 'admin') return 403
  if (column === 'forged token') return c.beforeIdentify ? success : 401
  if (c.access === 'public') return success
  if (column === 'anonymous') return 401
  return c.access.includes(column) ? success : 403
}

function fill(route: string, params: Record<string, string> = {}): string {
  return route.replace(/:(\w+)/g, (_m, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`row ${route} needs a value for :${name}`)
    return encodeURIComponent(value)
  })
}

let server: TestServer
let fx: Fixture
const actors = new Map<Column, Actor>()
/** `METHOD /api/path` for every route the running app registered. */
const registered: string[] = []

beforeAll(async () => {
  // Record every route the app registers, so the matrix can be checked for completeness.
  const proto = express.Router.prototype as unknown as { route(path: string): { methods: Record<string, boolean> } }
  const original = proto.route
  const created: { path: string; route: { methods: Record<string, boolean> } }[] = []
  proto.route = function (this: unknown, path: string) {
    const route = original.call(this, path)
    created.push({ path, route })
    return route
  }
  try {
    server = await startTestServer()
  } finally {
    proto.route = original
  }
  for (const { path, route } of created) {
    if (path === '/{*splat}') continue // the SPA fallback, outside /api
    for (const m of Object.keys(route.methods)) if (m !== '_all') registered.push(`${m.toUpperCase()} /api${path}`)
  }

  const chairToken = await server.token('chair', 'Matrix Chair', 'WIPO')
  const chair = (await server.participants.authenticate(chairToken, ['token']))!.participant
  const sharedDraft = (await server.documents.createWithContent('Shared matrix draft', demoDraftContent(), chair.id)).id
  let n = 0
  fx = {
    server,
    chair,
    sharedDraft,
    freshDraft: async () => (await server.documents.createWithContent(`Matrix draft ${++n}`, demoDraftContent(), chair.id)).id,
    freshParticipant: () => server.participants.create({ name: `Target ${++n}`, org: 'LT', role: 'commenter' }),
    comment: (documentId, author, input = {}) =>
      server.comments.create(documentId, author, { type: 'editorial', body: 'Fixture comment.', ...input }),
  }
  actors.set('anonymous', { column: 'anonymous', participant: chair, canComment: false })
  actors.set('forged token', { column: 'forged token', token: FORGED_TOKEN, participant: chair, canComment: false })
  for (const role of ROLES) {
    const token = await server.token(role, `Matrix ${role}`, role === 'commenter' ? 'MZ' : 'NO')
    const participant = (await server.participants.authenticate(token, ['token']))!.participant
    actors.set(role, { column: role, token, participant, canComment: COMMENTERS.includes(role) })
  }
})

afterAll(async () => {
  await server?.stop()
})

describe('REST authorization matrix', () => {
  it('has a row for every route the app registers under /api, and no row for a route that does not exist', () => {
    const rows = ROUTES.map((r) => `${r.method} ${r.route}`)
    const missing = registered.filter((r) => !rows.includes(r))
    const stale = rows.filter((r) => !registered.includes(r))
    console.log(`REST matrix: ${registered.length} routes registered, ${ROUTES.length} rows × ${COLUMNS.length} columns`)
    expect(missing, 'add these routes to ROUTES in restMatrix.test.ts').toEqual([])
    expect(stale, 'these rows name routes the app does not have').toEqual([])
  })

  describe.each(ROUTES.map((r) => [`${r.method} ${r.route}`, r] as const))('%s', (_name, row) => {
    it.each(COLUMNS.map((c) => [c]))('%s', async (column) => {
      const actor = actors.get(column)!
      const prepared = row.prepare ? await row.prepare(fx, actor) : {}
      const path = fill(row.route, prepared.params) + (prepared.query ?? '')
      const res: RawResponse = await rawRequest(server.url, path, {
        method: row.method,
        ...(actor.token ? { token: actor.token } : {}),
        ...(prepared.body !== undefined ? { body: prepared.body } : {}),
        ...(prepared.upload ? { raw: prepared.upload.bytes, headers: { 'content-type': prepared.upload.contentType } } : {}),
      })
      const want = expectedStatus(row, column)
      expect(res.status, `${row.method} ${path} as ${column}: ${res.text.slice(0, 300)}`).toBe(want)
      const contentType = want < 400 ? (row.contentType ?? /^application\/json/) : /^application\/json/
      expect(String(res.headers['content-type'])).toMatch(contentType)
      if (want >= 400) {
        const message = errorMessage(res)
        if (want === 401) expect(message).toMatch(column === 'forged token' ? /token is not valid/i : /sign in/i)
        if (want === 403 && row.access !== 'admin') expect(message).toMatch(new RegExp(`Only .+; you are signed in as ${column}`))
        if (want === 403 && row.access === 'admin') expect(message).toMatch(/npm run accord/)
      }
    })
  })

  it('lets commenters edit and withdraw only their own comments', async () => {
    const commenter = actors.get('commenter')!
    const theirs = await fx.comment(fx.sharedDraft, actors.get('editor')!.participant)
    const path = fill(`${COMMENTS}/:cid`, { id: fx.sharedDraft, cid: theirs.id })
    const edit = await rawRequest(server.url, path, { method: 'PATCH', token: commenter.token!, body: { body: 'Hijacked.' } })
    expect(edit.status).toBe(403)
    expect(errorMessage(edit)).toMatch(/author/)
    const withdraw = await rawRequest(server.url, path, { method: 'DELETE', token: commenter.token! })
    expect(withdraw.status).toBe(403)
    expect((await server.comments.get(fx.sharedDraft, theirs.id)).body).toBe('Fixture comment.')
  })

  it('answers an unknown API path with a JSON 404, also when signed out', async () => {
    for (const token of [undefined, actors.get('chair')!.token]) {
      const res = await rawRequest(server.url, '/api/no-such-route', token ? { token } : {})
      expect(res.status).toBe(404)
      expect(errorMessage(res)).toMatch(/No API route/)
    }
  })

  it('does not accept an API token in the query string for REST (it would end up in logs)', async () => {
    const res = await rawRequest(server.url, `/api/me?token=${actors.get('chair')!.token}`)
    expect(res.status).toBe(401)
  })
})

describe('security headers', () => {
  const paths = ['/', '/api/health', '/api/me', '/d/some-draft']
  it.each(paths.map((p) => [p]))('%s carries a CSP without inline script, nosniff and frame-ancestors', async (path) => {
    const res = await rawRequest(server.url, path)
    const csp = String(res.headers['content-security-policy'] ?? '')
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map((parts) => [parts[0]!, parts.slice(1)]),
    )
    const scriptSrc = directives.get('script-src') ?? directives.get('default-src')
    expect(scriptSrc, csp).toBeDefined()
    expect(scriptSrc).not.toContain("'unsafe-inline'")
    expect(scriptSrc).not.toContain("'unsafe-eval'")
    expect(scriptSrc!.some((s) => s.startsWith("'nonce-") || s.startsWith("'sha"))).toBe(false)
    expect(directives.get('script-src-attr') ?? ["'none'"]).not.toContain("'unsafe-inline'")
    expect(directives.get('frame-ancestors')).toEqual(["'none'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['x-powered-by']).toBeUndefined()
  })

  it('serves an app page with no inline script (the CSP would block it)', async () => {
    const res = await rawRequest(server.url, '/')
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/text\/html/)
    const scripts = [...res.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    expect(scripts.length).toBeGreaterThan(0)
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc=/)
      expect(body!.trim()).toBe('')
    }
    expect(res.text).not.toMatch(/\son[a-z]+\s*=/i)
  })
})
