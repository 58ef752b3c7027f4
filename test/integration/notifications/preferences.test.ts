import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Comment } from '../../../shared/types'
import type { PreferencesView } from '../../../shared/notifications'
import { LowdbStore } from '../../../server/store/LowdbStore'
import { manualClock } from '../../helpers/manualClock'
import { type Person, bell, outboxSettled, person, setPreferences } from '../../helpers/notificationPeople'
import { rawRequest } from '../../helpers/rawHttp'
import { type SmtpSink, startSmtpSink } from '../../helpers/smtpSink'
import { type TestServer, startTestServer, tempDataDir } from '../../helpers/testServer'

/**
 * Preferences and digests, by an injected clock: the defaults, a daily digest at the reader's own time in
 * their time zone (one message with everything since the last), "off", and the unsubscribe link that
 * works without signing in. Nobody gets mail they did not ask for.
 */

// 1 December 2026, 09:00 UTC = 10:00 in Oslo.
const START = Date.parse('2026-12-01T09:00:00Z')
const clock = manualClock(START)
let sink: SmtpSink
let server: TestServer
let store: LowdbStore
let draftId: string
let chair: Person, kari: Person, ana: Person

beforeAll(async () => {
  sink = await startSmtpSink()
  const dataDir = tempDataDir()
  store = new LowdbStore(dataDir)
  server = await startTestServer({ dataDir, store, clock, smtpUrl: sink.url, seedDemo: false })
  draftId = await server.openDraft('Recommendations on ICT')
  chair = await person(server, 'Claire Chair', 'WIPO', 'chair')
  kari = await person(server, 'Kari Nordmann', 'NO', 'commenter')
  ana = await person(server, 'Ana Silva', 'MZ', 'editor')
})
afterAll(async () => {
  await server?.stop()
  await sink?.close()
})

const post = (who: Person, path: string, body: unknown) => rawRequest(server.url, `/api/documents/${draftId}${path}`, { method: 'POST', token: who.token, body })
async function comment(who: Person, body: string): Promise<Comment> {
  const res = await post(who, '/comments', { type: 'general', body })
  expect(res.status, res.text).toBe(201)
  return res.json as Comment
}
const settle = () => outboxSettled(store, clock.now())

describe('preferences, digests and unsubscribing', () => {
  it('has sensible defaults: what concerns your own comments at once, new comments for chairs in a daily digest, receipts off', async () => {
    const view = (await rawRequest(server.url, '/api/me/preferences', { token: chair.token })).json as PreferencesView
    expect(view).toMatchObject({ emailOn: true, address: chair.email, preferences: { digestTime: '08:00', timeZone: 'UTC' } })
    expect(view.preferences.email).toMatchObject({ reply: 'immediately', decision: 'immediately', newComment: 'digest', receipt: 'off' })
    const refused = await rawRequest(server.url, '/api/me/preferences', { method: 'PATCH', token: chair.token, body: { timeZone: 'Europe/Olso' } })
    expect([refused.status, (refused.json as { code: string }).code]).toEqual([400, 'request.invalid'])
    const badTime = await rawRequest(server.url, '/api/me/preferences', { method: 'PATCH', token: chair.token, body: { digestTime: '25:00' } })
    expect(badTime.status).toBe(400)
  })

  it('new comments reach a chair once a day, at 18:00 in Oslo: one e-mail with all of them, nothing before', async () => {
    await setPreferences(server, chair, { digestTime: '18:00', timeZone: 'Europe/Oslo' })
    const first = await comment(kari, 'First thought.')
    clock.advance(60_000)
    const second = await comment(ana, 'Second thought.')
    await settle()
    expect(sink.to(chair.email)).toEqual([])
    // 16:59 UTC is 17:59 in Oslo: not yet.
    clock.set(Date.parse('2026-12-01T16:59:00Z'))
    await settle()
    expect(sink.to(chair.email)).toEqual([])
    clock.set(Date.parse('2026-12-01T17:00:00Z'))
    await settle()
    const [digest, ...more] = sink.to(chair.email)
    expect(more).toEqual([])
    expect(digest!.subject).toBe('[Accord] Daily digest: 2 notifications')
    expect(digest!.text).toContain(`New comment ${first.id} by Kari Nordmann (NO)`)
    expect(digest!.text).toContain(`New comment ${second.id} by Ana Silva (MZ)`)
    expect(digest!.text).toContain(`/d/${draftId}?comment=${first.id}`)
    // The in-app list had them at once.
    expect((await bell(server, chair)).items.map((i) => i.commentId)).toEqual([second.id, first.id])
    // A comment after the digest waits for the next day's.
    await comment(kari, 'Third thought.')
    clock.set(Date.parse('2026-12-02T16:00:00Z'))
    await settle()
    expect(sink.to(chair.email)).toHaveLength(1)
    clock.set(Date.parse('2026-12-02T17:00:00Z'))
    await settle()
    expect(sink.to(chair.email).map((m) => m.subject)).toEqual(['[Accord] Daily digest: 2 notifications', '[Accord] Daily digest: 1 notification'])
  })

  it('"off" sends nothing, while the bell still lists it', async () => {
    await setPreferences(server, kari, { email: { reply: 'off' } })
    const mine = await comment(kari, 'Will anyone answer?')
    await post(chair, `/comments/${mine.id}/replies`, { body: 'Yes.' })
    await settle()
    expect(sink.to(kari.email)).toEqual([])
    expect((await bell(server, kari)).items[0]).toMatchObject({ commentId: mine.id, facts: { kind: 'reply' } })
    await setPreferences(server, kari, { email: { reply: 'immediately' } })
  })

  it('the unsubscribe link in an e-mail turns that kind off without signing in; a forged one changes nothing', async () => {
    const mine = await comment(kari, 'Another question.')
    await post(chair, `/comments/${mine.id}/replies`, { body: 'An answer.' })
    await settle()
    const mail = sink.to(kari.email).at(-1)!
    const link = /Unsubscribe with one click: (\S+)/.exec(mail.text)![1]!
    const path = link.slice(server.url.length)
    const forged = await rawRequest(server.url, path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))
    expect(forged.status).toBe(400)
    expect(forged.text).toContain('This unsubscribe link is not valid')
    expect(((await rawRequest(server.url, '/api/me/preferences', { token: kari.token })).json as PreferencesView).preferences.email.reply).toBe('immediately')
    const page = await rawRequest(server.url, path)
    expect(page.status).toBe(200)
    expect(page.text).toContain('Kari Nordmann, Accord will no longer send you e-mails about: replies to your comments')
    const after = ((await rawRequest(server.url, '/api/me/preferences', { token: kari.token })).json as PreferencesView).preferences.email
    expect(after).toMatchObject({ reply: 'off', decision: 'immediately' })
    // The one-click POST that mail programs make (RFC 8058) does the same, with a form body.
    const oneClick = await rawRequest(server.url, path, { method: 'POST', raw: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(oneClick.status).toBe(200)
    await post(ana, `/comments/${mine.id}/replies`, { body: 'A second answer.' })
    await settle()
    expect(sink.to(kari.email)).toEqual([mail])
  })

  it('e-mails and the unsubscribe page speak the language the participant chose; a bad link the browser’s', async () => {
    // The test before turned reply e-mails off for her by the link: on again, for a fresh link.
    await setPreferences(server, kari, { email: { reply: 'immediately' } })
    await server.participants.setLanguage(kari.participant.id, 'fr')
    const mine = await comment(kari, 'Une question.')
    await post(chair, `/comments/${mine.id}/replies`, { body: 'Une réponse.' })
    await settle()
    const mail = sink.to(kari.email).at(-1)!
    expect(mail.subject).toContain(`a répondu à ${mine.id}`)
    expect(mail.text).toContain('Réponse : « Une réponse. »')
    expect(mail.html).toContain('<html lang="fr" dir="ltr">')
    const link = /Se désabonner en un clic : (\S+)/.exec(mail.text)![1]!
    const page = await rawRequest(server.url, link.slice(server.url.length))
    expect(page.status).toBe(200)
    expect(page.text).toContain('<html lang="fr" dir="ltr">')
    expect(page.text).toContain('Kari Nordmann, Accord ne vous enverra plus de courriels sur : réponses à vos commentaires')
    const forged = await rawRequest(server.url, '/api/unsubscribe?token=nothing', { headers: { 'accept-language': 'ar-EG, en;q=0.5' } })
    expect(forged.status).toBe(400)
    expect(forged.text).toContain('<html lang="ar" dir="rtl">')
    expect(forged.text).toContain('رابط إلغاء الاشتراك هذا غير صالح')
    await server.participants.setLanguage(kari.participant.id, 'en')
  })

  it('a pending e-mail for a kind turned off since is not sent', async () => {
    await setPreferences(server, chair, { email: { newComment: 'digest' }, digestTime: '08:00', timeZone: 'UTC' })
    await comment(kari, 'For tomorrow’s digest.')
    await setPreferences(server, chair, { email: { newComment: 'off' } })
    const before = sink.to(chair.email).length
    clock.set(Date.parse('2026-12-03T08:00:00Z'))
    await settle()
    expect(sink.to(chair.email)).toHaveLength(before)
    expect((await store.listNotifications({ recipientId: chair.participant.id, channel: 'email', state: 'cancelled' })).map((n) => n.facts.kind)).toEqual(['newComment'])
  })
})
