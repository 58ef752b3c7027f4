import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { StoredNotification } from '../../shared/notifications'
import { DocumentService } from '../../server/documents/DocumentService'
import { silentLogger } from '../../server/logger'
import { ParticipantService } from '../../server/participants/ParticipantService'
import { PostgresStore } from '../../server/store/postgres/PostgresStore'
import { commentApi } from '../helpers/commentApi'
import { rawRequest } from '../helpers/rawHttp'
import { type SmtpSink, startSmtpSink } from '../helpers/smtpSink'
import { notification } from '../helpers/storeFixtures'
import { ScaleCluster } from './helpers/cluster'
import { postgresForThisFile, scaleTestsRun } from './helpers/scaleSuite'

/**
 * Three instances send from one e-mail outbox in PostgreSQL: every message goes out exactly once. They
 * start together on an outbox full of due e-mail (as after a deployment or an outage), so all three race
 * for the same messages; then comments and replies made through different instances are e-mailed once,
 * while each new entry wakes every instance's sender (over Redis) to race for it again.
 */

const PEOPLE = ['ana', 'bo', 'cy', 'di']
const SINGLES_EACH = 10
/** Per person: the single messages and one digest of three entries. */
const MESSAGES = PEOPLE.length * (SINGLES_EACH + 1)
/** A delegate who has not commented in a consultation whose 7-days reminder is due when the instances start. */
const SILENT = 'lupe@mx.example'
const DAY_MS = 24 * 60 * 60 * 1000

/** Each Message-ID the sink accepted, with how often. */
const countsById = (sink: SmtpSink) => sink.received.reduce((m, r) => m.set(r.messageId, (m.get(r.messageId) ?? 0) + 1), new Map<string, number>())

/**
 * People with addresses, a draft, and an outbox of due e-mail for them, written before any instance runs;
 * and a draft in consultation, its deadline in 3 days, that a delegate has not commented on.
 */
async function fillOutbox(databaseUrl: string): Promise<void> {
  const store = PostgresStore.connect(databaseUrl, silentLogger)
  try {
    await store.open()
    const participants = new ParticipantService(store)
    const draft = await new DocumentService(store).create('Outbox draft', 'blank')
    const entries: StoredNotification[] = []
    for (const name of PEOPLE) {
      const p = await participants.create({ name, org: 'NO', role: 'editor', email: `${name}@no.example` })
      for (let i = 0; i < SINGLES_EACH; i++) entries.push(notification(draft.id, `single-${name}-${i}`, p.id))
      const mailId = `digest~${p.id}~2024-05-01T09:00:00.000Z`
      for (let i = 0; i < 3; i++) entries.push(notification(draft.id, `digest-${name}-${i}`, p.id, { delivery: 'digest', mailId, sendAfter: '2024-05-01T09:00:00.000Z' }))
    }
    await store.addNotifications(draft.id, entries)
    await participants.create({ name: 'Lupe Ruiz', org: 'MX', role: 'commenter', email: SILENT })
    const opened = new Date(Date.now() - 10 * DAY_MS).toISOString()
    const consulted = await new DocumentService(store).create('In consultation', 'blank')
    await store.putDocumentMeta({
      ...consulted,
      phase: 'consultation',
      round: 1,
      consultation: { reference: 'C.CWS 180', opensAt: opened, deadline: new Date(Date.now() + 3 * DAY_MS).toISOString() },
      phaseHistory: [{ phase: 'consultation', round: 1, at: opened, by: null }],
    })
  } finally {
    await store.close()
  }
}

describe.runIf(scaleTestsRun())('one e-mail outbox, three instances', () => {
  const postgres = postgresForThisFile()
  let cluster: ScaleCluster
  let sink: SmtpSink
  beforeAll(async () => {
    sink = await startSmtpSink()
    cluster = await ScaleCluster.start(postgres(), { instances: 3, redis: true, env: { SMTP_URL: sink.url }, beforeStart: fillOutbox })
  }, 60_000)
  afterAll(async () => {
    await cluster?.destroy()
    await sink?.close()
  })

  it('started together on a full outbox, the instances send every due message exactly once, and one reminder', async () => {
    await vi.waitFor(async () => {
      const [row] = await cluster.query<{ n: string }>("SELECT count(*) AS n FROM notifications WHERE channel = 'email' AND state = 'pending'")
      expect(Number(row!.n)).toBe(0)
    }, { timeout: 20_000, interval: 50 })
    const counts = countsById(sink)
    console.log(`3 instances, ${MESSAGES} messages and a reminder due at start: ${sink.received.length} accepted, ${counts.size} distinct Message-IDs`)
    expect(counts.size).toBe(MESSAGES + 1)
    expect([...counts.values()].every((n) => n === 1)).toBe(true)
    for (const name of PEOPLE) expect(sink.to(`${name}@no.example`)).toHaveLength(SINGLES_EACH + 1)
    // Each instance found the reminder due at its start; it was recorded once and sent once.
    expect(sink.to(SILENT)).toHaveLength(1)
    // The instances started together made one key for unsubscribe links: a link works on every instance.
    const link = sink.received.map((m) => m.headers.get('list-unsubscribe') ?? '').find((h) => h.includes('token='))!
    const path = `/api/unsubscribe?token=${/token=([^>\s,]+)/.exec(link)![1]}`
    for (const instance of cluster.instances) expect((await rawRequest(instance.url, path)).status, instance.url).toBe(200)
    // Every entry went out at the first attempt: no instance sent a message another had claimed.
    const attempts = await cluster.query<{ data: string }>("SELECT data FROM notifications WHERE channel = 'email'")
    expect(attempts.map((r) => (JSON.parse(r.data) as StoredNotification).attempts)).toEqual(attempts.map(() => 1))
  })

  it('replies made through different instances are e-mailed once each', async () => {
    const before = sink.received.length
    const kari = await cluster.person('commenter', 'Kari Nordmann', 'NO', 'kari@no.example')
    const repliers = await Promise.all(['Ana Silva', 'Bo Berg', 'Cy Chen'].map((name, i) => cluster.person('editor', name, ['MZ', 'SE', 'CN'][i]!, `${name.split(' ')[0]!.toLowerCase()}@x${i}.example`)))
    const [first, second, third] = cluster.instances
    const draftId = (await commentApi(first!.url, kari.token).drafts()).find((d) => !['Outbox draft', 'In consultation'].includes(d.title))!.id
    const { id } = await commentApi(first!.url, kari.token).comment(draftId, { type: 'general', body: 'Please reply.' })
    for (const [i, r] of repliers.entries()) {
      const via = [second, third, first][i]!
      const res = await rawRequest(via.url, `/api/documents/${draftId}/comments/${id}/replies`, { method: 'POST', token: r.token, body: { body: `Reply ${i}.` } })
      expect(res.status).toBe(201)
    }
    // Each reply goes to Kari and to those who replied before: 1 + 2 + 3 = 6 messages.
    await vi.waitFor(() => expect(sink.received.length - before).toBeGreaterThanOrEqual(6), { timeout: 10_000 })
    await vi.waitFor(async () => {
      const [row] = await cluster.query<{ n: string }>("SELECT count(*) AS n FROM notifications WHERE channel = 'email' AND state = 'pending'")
      expect(Number(row!.n)).toBe(0)
    }, { timeout: 10_000, interval: 50 })
    const fresh = sink.received.slice(before)
    expect(fresh).toHaveLength(6)
    expect(new Set(fresh.map((m) => m.messageId)).size).toBe(6)
    expect(sink.to('kari@no.example')).toHaveLength(3)
  })
})
