import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { performance } from 'node:perf_hooks'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { textAt } from '../../helpers/draftDoc'
import { errorMessage, rawRequest, type RawRequest } from '../../helpers/rawHttp'
import { awarenessFrame, collabUrl, connectionsClosedAfterEach, RawPeer, tryUpgrade } from '../../helpers/rawSocket'
import { startTestServer, type TestServer } from '../../helpers/testServer'
import { connectClient, draftText, waitFor, waitSynced } from '../../helpers/yClient'

/** Attacks A7 (message flood) and A9 (hostile REST input): throttled, refused with clear JSON, nothing changed. */

let server: TestServer
const tokens: Record<'chair' | 'editor' | 'commenter' | 'observer', string> = { chair: '', editor: '', commenter: '', observer: '' }
beforeAll(async () => {
  server = await startTestServer()
  for (const role of ['chair', 'editor', 'commenter', 'observer'] as const) tokens[role] = await server.token(role)
})
afterAll(async () => {
  await server?.stop()
})

const { clients, peers } = connectionsClosedAfterEach()

async function peer(token: string): Promise<RawPeer> {
  const p = await RawPeer.open(collabUrl(server.url, server.demoId, token))
  peers.push(p)
  return p
}

describe('A7: message flood', () => {
  it('closes a connection sending 1,000 messages/s with 1008 within 1 s; others carry on', async () => {
    const witness = await peer(tokens.observer)
    const flooder = await peer(tokens.editor)
    const clientID = 31337
    let sent = 0
    const start = performance.now()
    // Paced by the clock, not by timer accuracy: after t ms, t messages have gone out.
    const pump = setInterval(() => {
      const due = Math.floor(performance.now() - start)
      while (sent < due && flooder.open) {
        sent++
        flooder.send(awarenessFrame([{ clientID, clock: sent, state: { cursor: { anchor: sent } } }]))
      }
    }, 2)
    let closed
    try {
      closed = await flooder.closed
    } finally {
      clearInterval(pump)
    }
    const ms = closed.at - start
    console.log(`A7 flood: closed with ${closed.code} after ${Math.round(ms)} ms and ${sent} messages (${Math.round((sent / ms) * 1000)}/s); reason "${closed.reason}"`)
    expect(closed.code).toBe(1008)
    expect(closed.reason).toMatch(/Too many messages/)
    expect(ms).toBeLessThan(1000)
    expect(witness.open).toBe(true)
    await witness.barrier()
  })

  it('does not close a client typing at 20 keystrokes/s with a cursor update each (40 messages/s for 3 s)', async () => {
    const typist = connectClient(server.url, server.demoId, tokens.editor)
    clients.push(typist)
    await waitSynced(typist)
    const witness = await peer(tokens.observer)
    let closes = 0
    typist.provider.on('connection-close', () => closes++)
    const socket = typist.provider.ws
    const keystrokes = 60
    let typed = 0
    const start = performance.now()
    await new Promise<void>((resolve) => {
      // The pace of a typist is the load here, not a wait for the server.
      const key = setInterval(() => {
        textAt(typist.doc).insert(typed, 'k')
        typist.provider.awareness.setLocalStateField('cursor', { anchor: typed })
        if (++typed === keystrokes) {
          clearInterval(key)
          resolve()
        }
      }, 50)
    })
    const seconds = (performance.now() - start) / 1000
    await waitFor(() => draftText(witness.doc).includes('k'.repeat(keystrokes)), 'every keystroke reached the other client')
    console.log(`A7 typing: ${keystrokes * 2} messages in ${seconds.toFixed(1)} s (${Math.round((keystrokes * 2) / seconds)}/s), connection kept`)
    expect(closes).toBe(0)
    expect(typist.provider.ws).toBe(socket)
    expect(typist.provider.wsconnected).toBe(true)
  })

  it('allows a paste-sized burst of 150 messages at once', async () => {
    const p = await peer(tokens.editor)
    for (let i = 1; i <= 150; i++) p.send(awarenessFrame([{ clientID: 4242, clock: i, state: { cursor: { anchor: i } } }]))
    await p.barrier()
    expect(p.open).toBe(true)
  })
})

/** Everything a reader could see, and every data file, to prove a refused request changed nothing. */
async function snapshot(): Promise<unknown> {
  const get = async (path: string) => (await rawRequest(server.url, path, { token: tokens.chair })).json
  const documents = (await get('/api/documents')) as { id: string }[]
  const files = (function walk(dir: string): Record<string, string> {
    const out: Record<string, string> = {}
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) Object.assign(out, walk(path))
      else if (!['accord.lock', 'server.json'].includes(name)) {
        out[relative(server.dataDir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex')
      }
    }
    return out
  })(server.dataDir)
  return {
    documents,
    comments: await Promise.all(documents.map((d) => get(`/api/documents/${d.id}/comments`))),
    participants: await get('/api/participants'),
    files,
  }
}

describe('A9: hostile REST input', () => {
  let before: unknown
  let participantId = ''
  beforeAll(async () => {
    participantId = (await server.participants.create({ name: 'Untouched', org: 'NG', role: 'observer' })).id
    await server.comments.create(server.demoId, (await server.participants.authenticate(tokens.chair, ['token']))!.participant, {
      type: 'general',
      body: 'An existing comment.',
    })
    before = await snapshot()
  })

  const big = 'x'.repeat(300 * 1024)
  const json = { 'content-type': 'application/json' }
  type Case = [name: string, path: () => string, options: () => RawRequest, status: number, message: RegExp]
  const cases: Case[] = [
    // Oversize bodies
    ['a 300 KB draft title', () => '/api/documents', () => ({ method: 'POST', token: tokens.editor, body: { title: big } }), 413, /too large/],
    [
      'a 1 MB comment',
      () => `/api/documents/${server.demoId}/comments`,
      () => ({ method: 'POST', token: tokens.commenter, body: { type: 'general', body: 'y'.repeat(1024 * 1024) } }),
      413,
      /too large/,
    ],
    [
      'a gzip bomb (20 MB of JSON in 20 KB)',
      () => '/api/documents',
      () => ({
        method: 'POST',
        token: tokens.editor,
        raw: gzipSync(JSON.stringify({ title: 'z'.repeat(20 * 1024 * 1024) })),
        headers: { ...json, 'content-encoding': 'gzip' },
      }),
      413,
      /too large/,
    ],
    ['oversize, signed out', () => '/api/auth/signin', () => ({ method: 'POST', body: { link: big } }), 413, /too large/],
    // Malformed JSON
    ['truncated JSON', () => '/api/documents', () => ({ method: 'POST', token: tokens.editor, raw: '{"title": ', headers: json }), 400, /not valid JSON/],
    ['JSON with trailing garbage', () => '/api/documents', () => ({ method: 'POST', token: tokens.editor, raw: '{"title":"A"}xyz', headers: json }), 400, /not valid JSON/],
    ['a bare null', () => '/api/documents', () => ({ method: 'POST', token: tokens.editor, raw: 'null', headers: json }), 400, /not valid JSON/],
    ['an array instead of an object', () => '/api/documents', () => ({ method: 'POST', token: tokens.editor, raw: '[1,2]', headers: json }), 400, /Invalid request/],
    [
      'a __proto__ key (prototype pollution)',
      () => '/api/documents',
      () => ({ method: 'POST', token: tokens.editor, raw: '{"title":"A","__proto__":{"role":"chair"}}', headers: json }),
      400,
      /Invalid request/,
    ],
    [
      'an unknown field',
      () => `/api/participants/${participantId}`,
      () => ({ method: 'PATCH', token: tokens.chair, body: { role: 'chair', revokedAt: null } }),
      400,
      /Invalid request/,
    ],
    [
      'a wrong field type',
      () => `/api/documents/${server.demoId}/comments`,
      () => ({ method: 'POST', token: tokens.commenter, body: { type: 'general', body: 42 } }),
      400,
      /body/,
    ],
    // Wrong content types
    ['text/plain', () => '/api/documents', () => ({ method: 'POST', token: tokens.editor, raw: '{"title":"A"}', headers: { 'content-type': 'text/plain' } }), 415, /application\/json/],
    [
      'a form post',
      () => '/api/documents',
      () => ({ method: 'POST', token: tokens.editor, raw: 'title=A', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      415,
      /application\/json/,
    ],
    [
      'multipart',
      () => `/api/documents/${server.demoId}`,
      () => ({ method: 'PATCH', token: tokens.editor, raw: '--b\r\n\r\nA\r\n--b--', headers: { 'content-type': 'multipart/form-data; boundary=b' } }),
      415,
      /application\/json/,
    ],
    ['no content type', () => '/api/documents', () => ({ method: 'POST', token: tokens.editor, raw: '{"title":"A"}' }), 415, /application\/json/],
    [
      'an 11 MB comment table upload',
      () => `/api/documents/${server.demoId}/comments/import/preview`,
      () => ({ method: 'POST', token: tokens.chair, raw: `Comment\r\n${'w'.repeat(11 * 1024 * 1024)}\r\n`, headers: { 'content-type': 'text/csv' } }),
      413,
      /larger than/,
    ],
    [
      'a comment table sent as JSON',
      () => `/api/documents/${server.demoId}/comments/import`,
      () => ({ method: 'POST', token: tokens.chair, body: { rows: [] } }),
      415,
      /Content-Type/,
    ],
  ]

  it.each(cases)('refuses %s with %i and a JSON error', async (_name, path, options, status, message) => {
    const res = await rawRequest(server.url, path(), options())
    expect(res.status, res.text.slice(0, 200)).toBe(status)
    expect(errorMessage(res)).toMatch(message)
  })

  const tricks: [string, string][] = [
    ['encoded traversal', '..%2F..%2Fworkspace'],
    ['encoded traversal to a data file', '..%2F..%2Fworkspace.json'],
    ['dot-encoded traversal', '%2e%2e%2f%2e%2e%2fworkspace'],
    ['backslash traversal', '..%5C..%5Cworkspace'],
    ['a bare ..', '..'],
    ['a NUL byte', 'abc%00def'],
    ['1,000 characters', 'a'.repeat(1000)],
    ['10,000 characters', 'b'.repeat(10_000)],
    ['unicode letters', 'dr%C3%A4ft-%E8%8D%89%E6%A1%88'],
    ['a right-to-left override', 'abc%E2%80%AEtxt'],
    ['an emoji', '%F0%9F%93%84'],
  ]
  const routes: [string, (id: string) => string, () => RawRequest][] = [
    ['GET /api/documents/:id', (id) => `/api/documents/${id}`, () => ({ token: tokens.chair })],
    ['PATCH /api/documents/:id', (id) => `/api/documents/${id}`, () => ({ method: 'PATCH', token: tokens.chair, body: { title: 'Hijacked' } })],
    ['GET /api/documents/:id/comments', (id) => `/api/documents/${id}/comments`, () => ({ token: tokens.chair })],
    [
      'POST /api/documents/:id/comments',
      (id) => `/api/documents/${id}/comments`,
      () => ({ method: 'POST', token: tokens.chair, body: { type: 'general', body: 'Planted.' } }),
    ],
    ['GET /api/documents/:id/comments/:cid', (id) => `/api/documents/${server.demoId}/comments/${id}`, () => ({ token: tokens.chair })],
    [
      'POST /api/documents/:id/comments/:cid/resolve',
      (id) => `/api/documents/${server.demoId}/comments/${id}/resolve`,
      () => ({ method: 'POST', token: tokens.chair, body: { disposition: 'noted' } }),
    ],
    ['GET /api/documents/:id/comments/export', (id) => `/api/documents/${id}/comments/export?format=csv`, () => ({ token: tokens.chair })],
    ['GET /api/documents/:id/export', (id) => `/api/documents/${id}/export?format=html`, () => ({ token: tokens.chair })],
    [
      'POST /api/documents/:id/comments/import',
      (id) => `/api/documents/${id}/comments/import`,
      () => ({ method: 'POST', token: tokens.chair, raw: 'Member State,Comment\r\nNO,Planted.\r\n', headers: { 'content-type': 'text/csv' } }),
    ],
    ['PATCH /api/participants/:id', (id) => `/api/participants/${id}`, () => ({ method: 'PATCH', token: tokens.chair, body: { role: 'chair' } })],
    ['DELETE /api/participants/:id', (id) => `/api/participants/${id}`, () => ({ method: 'DELETE', token: tokens.chair })],
    ['POST /api/participants/:id/link', (id) => `/api/participants/${id}/link`, () => ({ method: 'POST', token: tokens.chair, body: {} })],
  ]
  it.each(routes)('%s: path tricks in ids are a JSON 404', async (_route, path, options) => {
    for (const [what, id] of tricks) {
      const res = await rawRequest(server.url, path(id), options())
      expect(res.status, `${what}: ${res.text.slice(0, 200)}`).toBe(404)
      expect(errorMessage(res)).toMatch(/^No /)
      expect(res.text.length, `${what}: the error must not echo a huge id`).toBeLessThan(500)
    }
  })

  it('refuses path tricks in the collaboration URL before loading anything', async () => {
    for (const [what, id] of tricks) {
      const result = await tryUpgrade(`${server.url.replace(/^http/, 'ws')}/collab/${id}?token=${tokens.editor}`)
      expect(result.opened, what).toBe(false)
      expect(!result.opened && result.status, what).toBe(404)
    }
    expect(server.drafts.loadedCount).toBe(0)
  })

  it('changed nothing: drafts, comments, participants and every data file are as before', async () => {
    expect(await snapshot()).toEqual(before)
    expect(({} as Record<string, unknown>).role).toBeUndefined()
  })
})
