import { rmSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { DeliveryReport } from '../../../shared/notifications'
import type { Comment } from '../../../shared/types'
import { ParticipantService } from '../../../server/participants/ParticipantService'
import { LowdbStore } from '../../../server/store/LowdbStore'
import { person } from '../../helpers/notificationPeople'
import { rawRequest } from '../../helpers/rawHttp'
import { spawnServer } from '../../helpers/serverProcess'
import { type SmtpSink, startSmtpSink } from '../../helpers/smtpSink'
import { type TestServer, startTestServer, tempDataDir } from '../../helpers/testServer'

/**
 * Nothing lost, nothing doubled: an SMTP server that refuses for a while gets every message once when it
 * accepts again; a permanent refusal is given up and shown to the chair; a `kill -9` of Accord between the
 * event and the delivery delivers exactly once after the restart.
 */

const sinks: SmtpSink[] = []
const servers: TestServer[] = []
const dirs: string[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop()
  for (const s of sinks.splice(0)) await s.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function sinkAndServer(): Promise<{ sink: SmtpSink; server: TestServer; draftId: string }> {
  const sink = await startSmtpSink()
  sinks.push(sink)
  const server = await startTestServer({ smtpUrl: sink.url, seedDemo: false, mailRetry: { firstDelayMs: 20, maxDelayMs: 100, maxAttempts: 100 } })
  servers.push(server)
  return { sink, server, draftId: await server.openDraft('Recommendations on ICT') }
}

/** Each Message-ID the sink accepted, with how often. */
const countsById = (sink: SmtpSink) => sink.received.reduce((m, r) => m.set(r.messageId, (m.get(r.messageId) ?? 0) + 1), new Map<string, number>())

describe('delivery through a failing SMTP server', () => {
  it('refused for a while (451), then accepted: every message arrives exactly once', async () => {
    const { sink, server, draftId } = await sinkAndServer()
    const kari = await person(server, 'Kari Nordmann', 'NO', 'commenter')
    const repliers = await Promise.all(['Ana Silva', 'Bo Berg', 'Cy Chen', 'Di Diaz'].map((name, i) => person(server, name, ['MZ', 'SE', 'CN', 'MX'][i]!, 'editor')))
    sink.answer({ code: 451, message: 'Greylisted, try again later' })
    const created = await rawRequest(server.url, `/api/documents/${draftId}/comments`, { method: 'POST', token: kari.token, body: { type: 'general', body: 'Please reply.' } })
    const { id } = created.json as Comment
    for (const r of repliers) {
      expect((await rawRequest(server.url, `/api/documents/${draftId}/comments/${id}/replies`, { method: 'POST', token: r.token, body: { body: `From ${r.participant.name}.` } })).status).toBe(201)
    }
    // Each reply goes to Kari and to those who replied before: 4 + 3 + 2 + 1 = 10 messages.
    await vi.waitFor(() => expect(sink.attempts).toBeGreaterThanOrEqual(20), { timeout: 10_000 })
    expect(sink.received).toEqual([])
    sink.answer('accept')
    await vi.waitFor(() => expect(sink.received.length).toBeGreaterThanOrEqual(10), { timeout: 10_000 })
    // Nothing left pending with an error: every refused attempt was followed by an accepted one.
    await vi.waitFor(async () => expect((await server.notifications.deliveries()).problems).toEqual([]), { timeout: 10_000 })
    const counts = countsById(sink)
    console.log(`SMTP refused ${sink.attempts - sink.received.length} attempts, then accepted ${sink.received.length} messages (${counts.size} distinct)`)
    expect(counts.size).toBe(10)
    expect([...counts.values()].every((n) => n === 1)).toBe(true)
    expect(sink.to(kari.email)).toHaveLength(4)
    expect(sink.to(repliers[0]!.email)).toHaveLength(3)
    expect(sink.to(repliers[3]!.email)).toHaveLength(0)
  })

  it('a permanent refusal (550) is given up at once and shown to the chair, not to others', async () => {
    const { sink, server, draftId } = await sinkAndServer()
    const chair = await person(server, 'Claire Chair', 'WIPO', 'chair')
    const kari = await person(server, 'Kari Nordmann', 'NO', 'commenter')
    const ana = await person(server, 'Ana Silva', 'MZ', 'editor')
    sink.answer({ code: 550, message: 'No such mailbox' })
    const { id } = (await rawRequest(server.url, `/api/documents/${draftId}/comments`, { method: 'POST', token: kari.token, body: { type: 'general', body: 'Hello?' } })).json as Comment
    await rawRequest(server.url, `/api/documents/${draftId}/comments/${id}/replies`, { method: 'POST', token: chair.token, body: { body: 'Hello.' } })
    let report!: DeliveryReport
    await vi.waitFor(async () => {
      report = (await rawRequest(server.url, '/api/notifications/deliveries', { token: chair.token })).json as DeliveryReport
      expect(report.problems).toHaveLength(1)
    }, { timeout: 10_000 })
    expect(report).toMatchObject({ emailOn: true, problems: [{ recipient: { name: 'Kari Nordmann', email: kari.email }, kind: 'reply', state: 'failed', attempts: 1 }] })
    expect(report.problems[0]!.lastError).toContain('550')
    expect(sink.attempts).toBe(1)
    expect((await rawRequest(server.url, '/api/notifications/deliveries', { token: ana.token })).status).toBe(403)
  })
})

describe('a crash between the event and its delivery', () => {
  it('kill -9 while the SMTP server has the message but has not accepted it: after the restart, each message arrives exactly once', async () => {
    const sink = await startSmtpSink()
    sinks.push(sink)
    const dataDir = tempDataDir()
    dirs.push(dataDir)
    const setup = new LowdbStore(dataDir)
    await setup.open()
    const people = new ParticipantService(setup)
    const kari = await people.findOrCreate({ name: 'Kari Nordmann', org: 'NO', role: 'commenter', email: 'kari@no.example' })
    const chair = await people.findOrCreate({ name: 'Claire Chair', org: 'WIPO', role: 'chair', email: 'claire@wipo.example' })
    const tokens = { kari: await people.createApiToken(kari.id), chair: await people.createApiToken(chair.id) }
    await setup.close()
    const env = { SMTP_URL: sink.url, PUBLIC_URL: 'https://accord.example.org' }

    sink.answer('hold')
    const first = spawnServer(dataDir, env)
    const url = await first.ready
    const draftId = ((await rawRequest(url, '/api/documents', { token: tokens.kari })).json as { id: string }[])[0]!.id
    const at = (path: string) => `/api/documents/${draftId}/comments${path}`
    const { id } = (await rawRequest(url, at(''), { method: 'POST', token: tokens.kari, body: { type: 'general', body: 'Survives a crash?' } })).json as Comment
    for (const body of ['First reply.', 'Second reply.']) expect((await rawRequest(url, at(`/${id}/replies`), { method: 'POST', token: tokens.chair, body: { body } })).status).toBe(201)
    expect((await rawRequest(url, at(`/${id}/resolve`), { method: 'POST', token: tokens.chair, body: { disposition: 'noted', note: '' } })).status).toBe(200)
    // The first e-mail is in the SMTP server's hands, not yet accepted, when Accord dies.
    const held = await sink.nextHeld()
    first.child.kill('SIGKILL')
    await first.exited
    held.release(false)
    expect(sink.received).toEqual([])

    sink.answer('accept')
    const second = spawnServer(dataDir, env)
    await second.ready
    try {
      await vi.waitFor(() => expect(sink.received.length).toBeGreaterThanOrEqual(3), { timeout: 20_000 })
    } finally {
      second.child.kill('SIGTERM')
      await second.exited
    }
    const after = new LowdbStore(dataDir)
    await after.open()
    const entries = await after.listNotifications({ channel: 'email', recipientId: kari.id })
    await after.close()
    expect(entries.map((e) => [e.facts.kind, e.state])).toEqual([
      ['reply', 'sent'],
      ['reply', 'sent'],
      ['decision', 'sent'],
    ])
    // The one in flight at the crash was attempted twice, under the same Message-ID.
    expect(entries.map((e) => e.attempts).sort()).toEqual([1, 1, 2])
    const counts = countsById(sink)
    expect(sink.received.map((m) => m.subject).sort()).toEqual([
      `[Accord] Claire Chair (WIPO) replied to ${id} (Recommendations on ICT and IP Administration (draft for consultation))`,
      `[Accord] Claire Chair (WIPO) replied to ${id} (Recommendations on ICT and IP Administration (draft for consultation))`,
      `[Accord] Decision on ${id}: Noted (Recommendations on ICT and IP Administration (draft for consultation))`,
    ])
    expect([...counts.values()]).toEqual([1, 1, 1])
  })
})
