import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { performance } from 'node:perf_hooks'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { plainText } from '../../../shared/draft/positionIndex'
import { CLOSE_DRAFT_MOVED } from '../../../shared/protocol'
import { agentSteps, authoredUpdates, sendSteps } from '../../helpers/concurrentTrace'
import { textAt } from '../../helpers/draftDoc'
import { type ConcurrentTrace, loadTrace } from '../../helpers/traces'
import { errorMessage, rawRequest, type RawRequest } from '../../helpers/rawHttp'
import { awarenessFrame, collabUrl, connectionsClosedAfterEach, RawPeer, tryUpgrade } from '../../helpers/rawSocket'
import { startTestServer, type TestServer } from '../../helpers/testServer'
import { connectClient, draftText, waitFor, waitSynced } from '../../helpers/yClient'

/**
 * Attacks A7 (message flood: fast clients are slowed, not closed; the flood itself is in resourceAttacks.test.ts)
 * and A9 (hostile REST input): refused with clear JSON, nothing changed.
 */

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

/** Creates the one run of text every agent types into, once, and waits until every agent has it. */
async function sharedRunOfText(agents: { doc: Y.Doc }[]): Promise<void> {
  textAt(agents[0]!.doc)
  const sv = () => Y.encodeStateVector(agents[0]!.doc).join()
  await waitFor(() => agents.every((a) => Y.encodeStateVector(a.doc).join() === sv()), 'text created everywhere')
}

/**
 * One stock client per agent of `trace` on draft `id`, replaying it at machine speed (each agent sends a
 * transaction once what it builds on has arrived); resolves when every agent has sent its last one.
 */
async function replayAtMachineSpeed(url: string, id: string, token: string, trace: ConcurrentTrace) {
  const agents = Array.from({ length: trace.numAgents }, () => connectClient(url, id, token))
  clients.push(...agents)
  await Promise.all(agents.map((a) => waitSynced(a)))
  await sharedRunOfText(agents)
  let closes = 0
  for (const a of agents) a.provider.on('connection-close', () => closes++)
  const steps = agentSteps(trace, authoredUpdates(trace, Y.encodeStateAsUpdate(agents[0]!.doc)))
  await Promise.all(agents.map((a, i) => sendSteps(a.doc, steps[i]!)))
  return { agents, closes: () => closes }
}

describe('A7: message flood', () => {
  it('slows a fast legitimate client instead of closing it: friendsforever at machine speed, held to a small share', async () => {
    // A relay that gives each connection 10% of its time after 20 ms: the first 5,000 transactions of the
    // trace (about 2,500 messages per agent) need more than that, so reading must pause, and must not close.
    const slow = await startTestServer({ memory: true, rateLimit: { share: 0.1, burstMs: 20, sliceMs: 5, floodCloseMs: 30_000 } })
    try {
      const token = await slow.token('editor')
      const id = await slow.openDraft('Replay', { type: 'doc', content: [{ type: 'paragraph' }] })
      const full = loadTrace<ConcurrentTrace>('friendsforever')
      // Parents come before their children, so a prefix of the trace is a trace.
      const trace = { ...full, txns: full.txns.slice(0, 5000) }
      const start = performance.now()
      const { agents, closes } = await replayAtMachineSpeed(slow.url, id, token, trace)
      const serverText = () => plainText(textAt(slow.drafts.peek(id)!.doc))
      await waitFor(() => agents.every((a) => plainText(textAt(a.doc)) === serverText()), 'the agents and the server converge', 60_000)
      const pauses = slow.relay.connectionsOn(id).reduce((n, c) => n + c.pauses, 0)
      console.log(
        `A7 fast client: ${trace.txns.length} transactions in ${Math.round(performance.now() - start)} ms at a 10% share; ` +
          `reading paused ${pauses} times, ${closes()} disconnects`,
      )
      expect(pauses).toBeGreaterThan(0)
      expect(closes()).toBe(0)
      expect(serverText().length).toBeGreaterThan(3000)
    } finally {
      await slow.stop()
    }
  }, 90_000)

  it('a connection held back by flow control and then closed by the server is closed at once, not after a timeout', async () => {
    // While reading is paused the client's answer to the close frame would go unread, and its socket would
    // stay open for ws's 30 s close timeout: a draft taken over by another instance kept its clients away that long.
    const slow = await startTestServer({ memory: true, rateLimit: { share: 0.02, burstMs: 1, sliceMs: 2, floodCloseMs: 120_000 } })
    try {
      const token = await slow.token('editor')
      const id = await slow.openDraft('Held back', { type: 'doc', content: [{ type: 'paragraph' }] })
      const typist = connectClient(slow.url, id, token)
      clients.push(typist)
      await waitSynced(typist)
      const closes: { code: number; at: number }[] = []
      typist.provider.on('connection-close', (event) => closes.push({ code: event?.code ?? 0, at: performance.now() }))
      const text = textAt(typist.doc)
      const flood = setInterval(() => {
        for (let i = 0; i < 50; i++) text.insert(0, 'x')
      }, 1)
      try {
        const connection = () => slow.relay.connectionsOn(id)[0]
        await waitFor(() => (connection()?.pauses ?? 0) > 3, 'reading from the typist paused', 20_000)
        const closedAt = performance.now()
        slow.relay.closeDraft(id)
        await waitFor(() => closes.some((c) => c.code === CLOSE_DRAFT_MOVED), 'the typist saw its connection closed', 5_000)
        console.log(`A7 close while held back: the client saw the close after ${Math.round(closes[0]!.at - closedAt)} ms`)
      } finally {
        clearInterval(flood)
      }
    } finally {
      await slow.stop()
    }
  }, 60_000)

  it('does not close friendsforever replayed at machine speed through the default relay', async () => {
    const trace = loadTrace<ConcurrentTrace>('friendsforever')
    const id = await server.openDraft('Replay', { type: 'doc', content: [{ type: 'paragraph' }] })
    const { agents, closes } = await replayAtMachineSpeed(server.url, id, tokens.editor, trace)
    await waitFor(() => agents.every((a) => plainText(textAt(a.doc)) === trace.endContent), 'both agents reach endContent', 60_000)
    expect(closes()).toBe(0)
  }, 90_000)

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
