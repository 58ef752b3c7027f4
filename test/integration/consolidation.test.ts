import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ImportPreview } from '../../shared/commentImport'
import type { Comment, CommentEvent, DocumentMeta, SubmissionReceipt } from '../../shared/types'
import { demoDraftContent } from '../../server/demo/demoDraft'
import { type AccordClient, connectAccordClient } from '../helpers/accordClient'
import { manualClock } from '../helpers/manualClock'
import { rawRequest } from '../helpers/rawHttp'
import { startTestServer, type TestServer } from '../helpers/testServer'
import { waitSynced } from '../helpers/yClient'

/**
 * National consolidation (issue 15): in a Member State with a focal point, its members' comments are
 * drafts seen by the delegation only, on every path (REST list and single, exports, import preview,
 * pushed events, dashboard figures); members support or oppose them; the focal point merges, discards
 * and submits them, and only then does anyone else see them, with public ids that have no gaps.
 */

const clock = manualClock(Date.parse('2026-12-01T09:00:00Z'))
const DEADLINE = '2026-12-15T17:00:00.000Z'
let server: TestServer
let documentId: string
const tokens = { chair: '', kari: '', lars: '', ingrid: '', mexico: '', observer: '' }
type Who = keyof typeof tokens
const sockets: AccordClient[] = []

beforeAll(async () => {
  server = await startTestServer({ clock })
  documentId = (await server.documents.createWithContent('Recommendations on ICT', demoDraftContent())).id
  tokens.chair = await server.token('chair', 'Claire Chair', 'WIPO')
  tokens.kari = await server.token('commenter', 'Kari Nordmann', 'NO')
  tokens.lars = await server.token('editor', 'Lars Berg', 'NO')
  const focal = await server.participants.create({ name: 'Ingrid Focal', org: 'NO', role: 'commenter', focalPoint: true })
  tokens.ingrid = await server.participants.createApiToken(focal.id)
  tokens.mexico = await server.token('commenter', 'Luis Romero', 'MX')
  tokens.observer = await server.token('observer', 'Olga Observer', 'LT')
  const opened = await call('chair', '/phase', { method: 'POST', body: { phase: 'consultation', reference: 'C.CWS 180', deadline: DEADLINE } })
  expect(opened.status).toBe(200)
})
afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy()
})
afterAll(async () => {
  await server?.stop()
})

const call = (who: Who, path: string, init: { method?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}) =>
  rawRequest(server.url, `/api/documents/${documentId}${path}`, { token: tokens[who], ...init })
const post = async (who: Who, path: string, body: unknown, status = 200) => {
  const res = await call(who, path, { method: 'POST', body })
  expect(res.status, `${who} POST ${path}: ${res.text}`).toBe(status)
  return res.json
}
const list = async (who: Who) => (await call(who, '/comments')).json as Comment[]
const ids = async (who: Who) => (await list(who)).map((c) => c.id)
const codeOf = (res: { json: unknown }) => (res.json as { code?: string }).code

async function listener(who: Who): Promise<AccordClient> {
  const socket = connectAccordClient(server.url, documentId, tokens[who])
  sockets.push(socket)
  await waitSynced(socket)
  await vi.waitFor(() => expect(socket.commentEvents.some((e) => e.event.kind === 'snapshot')).toBe(true))
  return socket
}

/** Every comment id a socket was ever sent, in any event. */
const idsSeen = (socket: AccordClient) => new Set(socket.commentEvents.flatMap(({ event }: { event: CommentEvent }) => event.comments.map((c) => c.id)))

describe('a delegation with a focal point', () => {
  let kariDraft: Comment
  let larsDraft: Comment
  let larsSecond: Comment
  let ingridPublic: Comment

  it('its members’ comments are drafts; a focal point’s own comment is public at once, unless saved as a draft', async () => {
    const chairSocket = await listener('chair')
    const mexicoSocket = await listener('mexico')
    kariDraft = (await post('kari', '/comments', { type: 'technical', body: 'Name the procedures.', anchor: { quote: 'reviewed at regular intervals' } }, 201)) as Comment
    larsDraft = (await post('lars', '/comments', { type: 'editorial', body: 'Say “electronic”.', anchor: { quote: 'end-to-end electronic processing' } }, 201)) as Comment
    larsSecond = (await post('lars', '/comments', { type: 'editorial', body: 'And define it.', anchor: { quote: 'reviewed at regular intervals' } }, 201)) as Comment
    for (const d of [kariDraft, larsDraft, larsSecond]) {
      expect(d.status).toBe('draft')
      expect(d.id).toMatch(/^NO-D[A-Z0-9]{6}$/)
    }
    ingridPublic = (await post('ingrid', '/comments', { type: 'general', body: 'Norway supports the text.' }, 201)) as Comment
    expect([ingridPublic.id, ingridPublic.status]).toEqual(['NO-001', 'open'])
    const saved = (await post('ingrid', '/comments', { type: 'general', body: 'To be agreed first.', saveAsDraft: true }, 201)) as Comment
    expect(saved.status).toBe('draft')
    const mx = (await post('mexico', '/comments', { type: 'general', body: 'Mexico agrees.' }, 201)) as Comment
    expect(mx.id).toBe('MX-001')

    // Outsiders see none of the drafts, on any path; the delegation sees all of them.
    const drafts = [kariDraft.id, larsDraft.id, larsSecond.id, saved.id]
    for (const who of ['chair', 'mexico', 'observer'] as const) {
      expect(await ids(who), who).toEqual(expect.arrayContaining(['NO-001', 'MX-001']))
      for (const id of drafts) {
        expect(await ids(who)).not.toContain(id)
        const single = await call(who, `/comments/${id}`)
        expect([who, single.status]).toEqual([who, 404])
      }
      const table = await call(who, '/comments/export?format=csv')
      expect(table.status).toBe(200)
      for (const body of ['Name the procedures.', 'Say “electronic”.', 'To be agreed first.']) expect(table.text).not.toContain(body)
    }
    for (const who of ['kari', 'lars', 'ingrid'] as const) expect(await ids(who)).toEqual(expect.arrayContaining([...drafts, 'NO-001', 'MX-001']))
    // The pushed events: the chair's and Mexico's sockets never receive a draft.
    await vi.waitFor(() => expect(idsSeen(mexicoSocket)).toContain('MX-001'))
    for (const socket of [chairSocket, mexicoSocket]) for (const id of drafts) expect(idsSeen(socket)).not.toContain(id)
  })

  it('the import preview does not reveal a draft that a row repeats', async () => {
    const csv = 'Member State,Type,Location,Quoted text,Comment\r\nNO,te,Recommendation 2,reviewed at regular intervals,Name the procedures.\r\n'
    const res = await call('chair', '/comments/import/preview', { method: 'POST', raw: csv, headers: { 'content-type': 'text/csv' } })
    expect(res.status).toBe(200)
    const preview = res.json as ImportPreview
    expect(preview.rows[0]!.alreadyIn).toBeNull()
  })

  it('members reply to drafts and support or oppose them; nobody outside the delegation can', async () => {
    const supported = (await post('lars', `/comments/${kariDraft.id}/stance`, { stance: 'support' })) as Comment
    expect(supported.stances).toEqual([expect.objectContaining({ stance: 'support', by: expect.objectContaining({ name: 'Lars Berg' }) })])
    const opposed = (await post('ingrid', `/comments/${kariDraft.id}/stance`, { stance: 'oppose' })) as Comment
    expect(opposed.stances?.map((s) => s.stance)).toEqual(['support', 'oppose'])
    const changedMind = (await post('ingrid', `/comments/${kariDraft.id}/stance`, { stance: null })) as Comment
    expect(changedMind.stances?.map((s) => s.by.name)).toEqual(['Lars Berg'])
    expect((await post('lars', `/comments/${kariDraft.id}/replies`, { body: 'Agreed; add “and registration”.' }, 201)) as Comment).toMatchObject({ status: 'draft' })
    for (const who of ['chair', 'mexico'] as const) {
      expect((await call(who, `/comments/${kariDraft.id}/stance`, { method: 'POST', body: { stance: 'support' } })).status).toBe(404)
      expect((await call(who, `/comments/${kariDraft.id}/replies`, { method: 'POST', body: { body: 'Peeking.' } })).status).toBe(404)
    }
    expect(codeOf(await call('lars', '/comments/MX-001/stance', { method: 'POST', body: { stance: 'oppose' } }))).toBe('comment.notFound')
  })

  it('only the focal point merges (both authors kept) and submits; the chair cannot decide a draft', async () => {
    const refused = await call('kari', '/comments/submit', { method: 'POST', body: { ids: [kariDraft.id] } })
    expect([refused.status, codeOf(refused)]).toEqual([403, 'policy.notFocalPoint'])
    expect((await call('kari', `/comments/${kariDraft.id}/merge`, { method: 'POST', body: { from: larsSecond.id } })).status).toBe(403)
    expect((await call('chair', `/comments/${kariDraft.id}/resolve`, { method: 'POST', body: { disposition: 'noted', note: '' } })).status).toBe(404)

    const merged = (await post('ingrid', `/comments/${kariDraft.id}/merge`, { from: larsSecond.id })) as Comment
    expect(merged.body).toBe('Name the procedures.\n\nAnd define it.')
    expect(merged.author.name).toBe('Kari Nordmann')
    expect(merged.coAuthors?.map((p) => p.name)).toEqual(['Lars Berg'])
    expect(merged.history.at(-1)).toMatchObject({ action: 'merged', detail: larsSecond.id, by: { name: 'Ingrid Focal' } })
    expect(await ids('lars')).not.toContain(larsSecond.id)
  })

  it('submission: public ids in document order after the delegation’s last one, no gaps; everyone sees them at once', async () => {
    const chairSocket = await listener('chair')
    const receipt = (await post('ingrid', '/comments/submit', { ids: [kariDraft.id, larsDraft.id] })) as SubmissionReceipt
    // Recommendation 1's words come before recommendation 2's: Lars's draft gets the lower id.
    expect(receipt.comments.map((c) => [c.draftId, c.id])).toEqual([
      [larsDraft.id, 'NO-002'],
      [kariDraft.id, 'NO-003'],
    ])
    expect(receipt).toMatchObject({ org: 'NO', reference: 'C.CWS 180', submittedBy: { name: 'Ingrid Focal' } })
    const seen = await list('chair')
    const submitted = seen.find((c) => c.id === 'NO-003')!
    expect(submitted).toMatchObject({ status: 'open', author: { name: 'Kari Nordmann' }, coAuthors: [{ name: 'Lars Berg' }], submittedBy: { name: 'Ingrid Focal' } })
    // The delegation's internal discussion stays with the delegation.
    expect(submitted.replies).toEqual([])
    expect(submitted.stances).toBeUndefined()
    expect(submitted.history.map((h) => h.action)).toEqual(['created', 'merged', 'submitted'])
    await vi.waitFor(() => {
      const seenIds = idsSeen(chairSocket)
      expect(seenIds.has('NO-002') && seenIds.has('NO-003')).toBe(true)
    })
    expect([...idsSeen(chairSocket)].some((id) => id.startsWith('NO-D'))).toBe(false)
    // Drafts are decided only once submitted; now the chair can.
    expect((await call('chair', '/comments/NO-003/resolve', { method: 'POST', body: { disposition: 'noted', note: '' } })).status).toBe(200)
    expect(await ids('lars')).not.toContain(kariDraft.id)
  })

  it('a draft is discarded by its author; after the deadline nothing more is submitted and the drafts stay with the delegation', async () => {
    const throwaway = (await post('kari', '/comments', { type: 'general', body: 'Second thoughts.' }, 201)) as Comment
    expect((await call('kari', `/comments/${throwaway.id}`, { method: 'DELETE' })).json).toEqual({ id: throwaway.id, discarded: true })
    expect(await ids('ingrid')).not.toContain(throwaway.id)

    const late = (await post('kari', '/comments', { type: 'general', body: 'Written just in time.' }, 201)) as Comment
    clock.set(Date.parse(DEADLINE))
    await vi.waitFor(async () => expect(((await call('observer', '')).json as DocumentMeta).phase).toBe('resolution'))
    const refused = await call('ingrid', '/comments/submit', { method: 'POST', body: { ids: [late.id] } })
    expect([refused.status, codeOf(refused)]).toEqual([409, 'phase.commentsClosed'])
    expect(await ids('ingrid')).toContain(late.id)
    expect((await list('ingrid')).find((c) => c.id === late.id)!.status).toBe('draft')
    expect(await ids('chair')).not.toContain(late.id)
    // No public id was used up by drafts: Norway's ids run 1, 2, 3.
    expect((await ids('chair')).filter((id) => id.startsWith('NO-')).sort()).toEqual(['NO-001', 'NO-002', 'NO-003'])
  })
})

describe('a Member State without a focal point', () => {
  it('works as before: comments are public at once', async () => {
    clock.set(Date.parse('2026-12-01T09:00:00Z'))
    const id = await server.openDraft('Without focal points')
    const token = await server.token('commenter', 'Ana Souza', 'MZ')
    const res = await rawRequest(server.url, `/api/documents/${id}/comments`, { method: 'POST', token, body: { type: 'general', body: 'At once.' } })
    expect([res.status, (res.json as Comment).status, (res.json as Comment).id]).toEqual([201, 'open', 'MZ-001'])
  })
})
