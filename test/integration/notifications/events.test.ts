import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Comment } from '../../../shared/types'
import { LowdbStore } from '../../../server/store/LowdbStore'
import { manualClock } from '../../helpers/manualClock'
import { type Person, bell, outboxSettled, person, setPreferences, subjectsByAddress } from '../../helpers/notificationPeople'
import { rawRequest } from '../../helpers/rawHttp'
import { type SmtpSink, startSmtpSink } from '../../helpers/smtpSink'
import { type TestServer, startTestServer, tempDataDir } from '../../helpers/testServer'

/**
 * Each event produces the right e-mail for the right people and nobody else, through a real SMTP server
 * (smtp-server on port 0): replies, decisions, applied proposals, mentions, a delegation's drafts (seen
 * only by that delegation, until submitted), consultations opened, reminded and closed. Who may be told
 * what is the policy's `canView`.
 */

const START = Date.parse('2026-12-01T09:00:00Z')
const DAY = 24 * 60 * 60 * 1000
const clock = manualClock(START)
let sink: SmtpSink
let server: TestServer
let store: LowdbStore
let draftId: string
const p = {} as Record<'chair' | 'editor' | 'kari' | 'dieter' | 'greta' | 'maria' | 'olga', Person>

beforeAll(async () => {
  sink = await startSmtpSink()
  const dataDir = tempDataDir()
  store = new LowdbStore(dataDir)
  server = await startTestServer({ dataDir, store, clock, smtpUrl: sink.url, publicUrl: 'https://accord.example.org', seedDemo: false })
  draftId = await server.openDraft('Recommendations on ICT')
  p.chair = await person(server, 'Claire Chair', 'WIPO', 'chair')
  p.editor = await person(server, 'Ana Silva', 'MZ', 'editor')
  p.kari = await person(server, 'Kari Nordmann', 'NO', 'commenter')
  p.greta = await person(server, 'Greta Focal', 'DE', 'commenter', { focalPoint: true })
  p.dieter = await person(server, 'Dieter Delegate', 'DE', 'commenter')
  p.maria = await person(server, 'Maria Lopez', 'MX', 'commenter')
  p.olga = await person(server, 'Olga Observer', 'LT', 'observer')
})
afterAll(async () => {
  await server?.stop()
  await sink?.close()
})

const call = (who: Person, path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
  rawRequest(server.url, `/api/documents/${draftId}${path}`, { token: who.token, method, ...(body === undefined ? {} : { body }) })

async function comment(who: Person, body: Record<string, unknown>): Promise<Comment> {
  const res = await call(who, '/comments', { type: 'technical', ...body })
  expect(res.status, res.text).toBe(201)
  return res.json as Comment
}

/** The e-mails that arrive while `act` runs, once every due one has gone out: address → subjects. */
async function mailsOf(act: () => Promise<unknown>): Promise<Record<string, string[]>> {
  const before = sink.received.length
  await act()
  await outboxSettled(store, clock.now())
  return subjectsByAddress({ ...sink, received: sink.received.slice(before) })
}

const lastMailTo = (who: Person) => sink.to(who.email).at(-1)!

describe('notifications of comment events, by e-mail and in the app', () => {
  let kariComment: Comment

  it('a reply reaches the comment’s author, then everyone who replied, never the one replying', async () => {
    expect(await mailsOf(async () => (kariComment = await comment(p.kari, { body: 'Please define "electronic filing".', anchor: { quote: 'electronic filing' } })))).toEqual({})
    expect(await mailsOf(() => call(p.chair, `/comments/${kariComment.id}/replies`, { body: 'We will add a definition.' }))).toEqual({
      [p.kari.email]: [`[Accord] Claire Chair (WIPO) replied to ${kariComment.id} (Recommendations on ICT)`],
    })
    const mail = lastMailTo(p.kari)
    expect(mail.text).toContain(`Comment: ${kariComment.id} · Recommendation`)
    expect(mail.text).toContain('Quoted text: “electronic filing”')
    expect(mail.text).toContain('Reply: “We will add a definition.”')
    expect(mail.text).toContain(`Open it: https://accord.example.org/d/${draftId}?comment=${kariComment.id}`)
    expect(mail.html).toContain(`href="https://accord.example.org/d/${draftId}?comment=${kariComment.id}"`)
    expect(mail.text).toMatch(/Unsubscribe with one click: https:\/\/accord\.example\.org\/api\/unsubscribe\?token=\S+/)
    expect(mail.headers.get('list-unsubscribe')).toMatch(/^<https:\/\/accord\.example\.org\/api\/unsubscribe\?token=/)
    expect(mail.messageId).toMatch(/^<[\w-]+@accord\.example\.org>$/)

    expect(await mailsOf(() => call(p.editor, `/comments/${kariComment.id}/replies`, { body: 'Draft definition attached.' }))).toEqual({
      [p.kari.email]: [`[Accord] Ana Silva (MZ) replied to ${kariComment.id} (Recommendations on ICT)`],
      [p.chair.email]: [`[Accord] Ana Silva (MZ) replied to ${kariComment.id} (Recommendations on ICT)`],
    })
  })

  it('the bell lists them, newest first, each linking to its thread; read marks stick', async () => {
    const list = await bell(server, p.kari)
    expect(list.unread).toBe(2)
    expect(list.items.map((i) => [i.facts.kind, i.commentId, i.read])).toEqual([
      ['reply', kariComment.id, false],
      ['reply', kariComment.id, false],
    ])
    expect((await rawRequest(server.url, '/api/notifications/read', { method: 'POST', token: p.kari.token, body: { ids: [list.items[1]!.id] } })).json).toEqual({ marked: 1 })
    expect((await bell(server, p.kari)).unread).toBe(1)
    expect((await rawRequest(server.url, '/api/notifications/read', { method: 'POST', token: p.kari.token, body: {} })).json).toEqual({ marked: 1 })
    expect((await bell(server, p.kari)).unread).toBe(0)
    // The bell's polling costs a 304 while nothing changed.
    const first = await rawRequest(server.url, '/api/notifications', { token: p.kari.token })
    const etag = first.headers.etag as string
    expect(etag).toBeTruthy()
    expect((await rawRequest(server.url, '/api/notifications', { token: p.kari.token, headers: { 'if-none-match': etag } })).status).toBe(304)
    // Nobody reads another's list: the chair's bell has the chair's own.
    expect((await bell(server, p.chair)).items.every((i) => i.facts.kind !== 'reply' || i.facts.by.id !== p.chair.participant.id)).toBe(true)
  })

  it('a decision reaches the authors, with the disposition and the observations', async () => {
    expect(await mailsOf(() => call(p.chair, `/comments/${kariComment.id}/resolve`, { disposition: 'not-accepted', note: 'Out of scope for this round.' }))).toEqual({
      [p.kari.email]: [`[Accord] Decision on ${kariComment.id}: Not accepted (Recommendations on ICT)`],
    })
    expect(lastMailTo(p.kari).text).toContain('Disposition: Not accepted')
    expect(lastMailTo(p.kari).text).toContain('Observations: “Out of scope for this round.”')
  })

  it('an applied proposal reaches its author, with the words now in the text', async () => {
    const proposal = await comment(p.kari, { body: 'Say it plainly.', anchor: { quote: 'electronic filing' }, proposedChange: 'online filing' })
    expect(await mailsOf(() => call(p.editor, `/comments/${proposal.id}/apply`, { confirm: true }))).toEqual({
      [p.kari.email]: [`[Accord] The change proposed in ${proposal.id} was applied by Ana Silva (MZ) (Recommendations on ICT)`],
    })
    expect(lastMailTo(p.kari).text).toContain('The text now reads: “online filing”')
  })

  it('a mention reaches the one named, if they may see the comment', async () => {
    const mails = await mailsOf(() => comment(p.editor, { body: 'As @Kari Nordmann asked, and @Nobody Known too.' }))
    expect(mails).toEqual({ [p.kari.email]: [expect.stringMatching(/^\[Accord\] Ana Silva \(MZ\) mentioned you in MZ-\d+/)] })
  })

  it('a delegation’s draft reaches only that delegation; once submitted, the chairs and the rest', async () => {
    await setPreferences(server, p.greta, { email: { receipt: 'immediately' } })
    await setPreferences(server, p.chair, { email: { newComment: 'immediately' } })
    let draft!: Comment
    // Dieter's comment is a draft of DE (Greta is its focal point): it mentions Kari (NO) and Greta.
    const drafted = await mailsOf(async () => (draft = await comment(p.dieter, { body: 'Ask @Kari Nordmann first; @Greta Focal, agree?' })))
    expect(draft.status).toBe('draft')
    expect(drafted).toEqual({ [p.greta.email]: [`[Accord] Dieter Delegate (DE) mentioned you in ${draft.id} (Recommendations on ICT)`] })
    expect(await mailsOf(() => call(p.greta, `/comments/${draft.id}/replies`, { body: 'Agreed, submitting.' }))).toEqual({
      [p.dieter.email]: [`[Accord] Greta Focal (DE) replied to ${draft.id} (Recommendations on ICT)`],
    })
    // Nothing about the draft reached anyone outside DE, in the app either.
    for (const who of [p.chair, p.editor, p.kari, p.maria, p.olga]) {
      expect((await bell(server, who)).items.filter((i) => i.commentId === draft.id), who.participant.name).toEqual([])
    }
    const submitted = await mailsOf(() => call(p.greta, '/comments/submit', { ids: [draft.id] }))
    const publicId = (await call(p.chair, '/comments')).json as Comment[]
    const id = publicId.find((c) => c.author.id === p.dieter.participant.id)!.id
    expect(id).toMatch(/^DE-\d{3}$/)
    expect(submitted).toEqual({
      [p.chair.email]: [`[Accord] New comment ${id} by Dieter Delegate (DE) (Recommendations on ICT)`],
      // Kari could not see the draft: now she is told she is mentioned. Greta was told already.
      [p.kari.email]: [`[Accord] Dieter Delegate (DE) mentioned you in ${id} (Recommendations on ICT)`],
      [p.greta.email]: [`[Accord] Submitted: ${id} (Recommendations on ICT)`],
    })
    expect(lastMailTo(p.greta).text).toContain(`${id}: General`)
    // What DE said to itself stays inside: the chair's mail has the comment, not the delegation's reply.
    expect(lastMailTo(p.chair).text).not.toContain('Agreed, submitting.')
  })
})

describe('consultations: opened, reminders to delegations that have not commented, closed', () => {
  const deadline = new Date(START + 20 * DAY).toISOString()

  it('opening tells everyone but the chair who opened it', async () => {
    const mails = await mailsOf(() => call(p.chair, '/phase', { phase: 'consultation', reference: 'C.CWS 180', deadline }))
    const subject = '[Accord] Consultation C.CWS 180 opened: comments until 21 December 2026 at 09:00 UTC (Recommendations on ICT)'
    expect(mails).toEqual(Object.fromEntries([p.editor, p.kari, p.greta, p.dieter, p.maria, p.olga].map((who) => [who.email, [subject]])))
  })

  it('7 days and 1 day before the deadline, only delegations with nothing in this round are reminded; each once', async () => {
    // NO and DE have comments in this round; MX has none.
    const week = await mailsOf(async () => clock.set(Date.parse(deadline) - 7 * DAY))
    expect(week).toEqual({
      [p.maria.email]: ['[Accord] 7 days left to comment (C.CWS 180, until 21 December 2026 at 09:00 UTC) (Recommendations on ICT)'],
      // Meanwhile 08:00 came: the chair's daily digest of new comments (NO-001, NO-002, MZ-001) went out.
      [p.chair.email]: ['[Accord] Daily digest: 3 notifications'],
    })
    const sameDay = await mailsOf(async () => clock.advance(60_000))
    expect(sameDay).toEqual({})
    const answered = await mailsOf(() => comment(p.maria, { body: 'Mexico supports the text.' }))
    expect(answered).toEqual({ [p.chair.email]: ['[Accord] New comment MX-001 by Maria Lopez (MX) (Recommendations on ICT)'] })
    // Mexico has answered: nobody is left to remind the day before.
    const lastDay = await mailsOf(async () => clock.set(Date.parse(deadline) - DAY))
    expect(lastDay).toEqual({})
  })

  it('the deadline closes it and everyone is told', async () => {
    const mails = await mailsOf(async () => {
      clock.set(Date.parse(deadline))
      await vi.waitFor(async () => expect((await bell(server, p.olga)).items[0]?.facts.kind).toBe('consultationClosed'), { timeout: 10_000 })
    })
    const subject = '[Accord] Consultation C.CWS 180 closed (Recommendations on ICT)'
    expect(mails).toEqual(Object.fromEntries([p.chair, p.editor, p.kari, p.greta, p.dieter, p.maria, p.olga].map((who) => [who.email, [subject]])))
  })
})
