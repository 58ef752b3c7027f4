import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROLES } from '../../../shared/types'
import { demoDraftContent } from '../../../server/demo/demoDraft'
import { errorMessage, rawRequest, type RawResponse } from '../../helpers/rawHttp'
import { startTestServer, type TestServer } from '../../helpers/testServer'
import { type Actor, type Column, type Fixture, COLUMNS, COMMENTERS, COMMENTS, FORGED_TOKEN, ROUTES, expected, fill } from './restRoutes'

/**
 * Every REST route obeys the policy (shared/policy.ts): every route under /api (restRoutes.ts, each
 * naming its action) × every role, plus no credentials and a forged token; the expected answer of each
 * cell is what `can()` decides for that role and the comment acted on.
 */


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
  // Delegations may comment on the fixture drafts while they are drafted (the phases have their own tests).
  const open = { commentsOutsideConsultation: true }
  const sharedDraft = (await server.documents.createWithContent('Shared matrix draft', demoDraftContent(), chair.id, open)).id
  let n = 0
  fx = {
    server,
    chair,
    sharedDraft,
    freshDraft: async () => (await server.documents.createWithContent(`Matrix draft ${++n}`, demoDraftContent(), chair.id, open)).id,
    freshParticipant: () => server.participants.create({ name: `Target ${++n}`, org: 'LT', role: 'commenter' }),
    comment: (documentId, author, input = {}) =>
      server.comments.create(documentId, author, { type: 'editorial', body: 'Fixture comment.', ...input }),
    version: (documentId) => server.versions.create(documentId, chair, { label: `Fixture version ${++n}` }),
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
      const want = await expected(fx, row, actor, prepared)
      expect(res.status, `${row.method} ${path} as ${column}: ${res.text.slice(0, 300)}`).toBe(want.status)
      const contentType = want.status < 400 ? (row.contentType ?? /^application\/json/) : /^application\/json/
      expect(String(res.headers['content-type'])).toMatch(contentType)
      if (want.code) {
        expect(errorMessage(res)).toBeTruthy()
        expect((res.json as { code?: string }).code).toBe(want.code)
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
    expect((await server.comments.get(fx.sharedDraft, theirs.id, fx.chair)).body).toBe('Fixture comment.')
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
