import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { resolveCommentRange } from '../../shared/draft/anchors'
import type { Comment } from '../../shared/types'
import { DraftView } from '../../server/comments/placement'
import { connectAccordClient } from '../helpers/accordClient'
import { commentApi } from '../helpers/commentApi'
import { statementOf } from '../helpers/draftDoc'
import { startTestServer, type TestServer } from '../helpers/testServer'
import { connectClient, waitFor, waitSynced, type YClient } from '../helpers/yClient'

let server: TestServer
const clients: YClient[] = []
let delegate: ReturnType<typeof commentApi>
let delegateToken: string
let editorApi: ReturnType<typeof commentApi>
let editorToken: string
let doc: string

beforeEach(async () => {
  server = await startTestServer()
  doc = server.demoId
  delegateToken = await server.token('commenter', 'Kari Nordmann', 'NO')
  delegate = commentApi(server.url, delegateToken)
  editorToken = await server.token('editor', 'Ana Silva', 'MZ')
  editorApi = commentApi(server.url, editorToken)
})
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await server.stop()
})

async function editorClient(): Promise<YClient> {
  const c = connectClient(server.url, doc, editorToken)
  clients.push(c)
  await waitSynced(c)
  return c
}

/** The words a comment covers in a replica, resolved from its anchors as every client does. */
function coveredText(client: YClient, comment: Comment): string | null {
  const view = new DraftView(client.doc)
  const resolved = resolveCommentRange(view.index, client.doc, comment.anchors)
  return resolved ? view.textBetween(resolved.range) : null
}

function patch(token: string, commentId: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}/api/documents/${doc}/comments/${commentId}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

async function status(res: Promise<Response>): Promise<{ status: number; body: { error?: string } }> {
  const r = await res
  return { status: r.status, body: (await r.json()) as { error?: string } }
}

describe('comments REST API', () => {
  it('creates an anchored comment from a quote, with id, place, locator and every field', async () => {
    const c = await delegate.comment(doc, {
      type: 'technical',
      body: 'Three to five years is too long for ICT planning.',
      proposedChange: 'a period of two to three years',
      anchor: { quote: 'a period of three to five years' },
    })
    expect(c).toMatchObject({
      id: 'NO-001',
      author: { name: 'Kari Nordmann', org: 'NO' },
      type: 'technical',
      quote: 'a period of three to five years',
      place: { kind: 'recommendation', recommendation: 2, action: [1] },
      locator: 'Recommendation 2 › Action 1',
      anchorState: 'anchored',
      status: 'open',
      replies: [],
      scope: 'text',
    })
    expect(c.history.map((h) => h.action)).toEqual(['created'])
    const second = await delegate.comment(doc, { type: 'editorial', body: 'Typo?', anchor: { quote: 'IP' } })
    expect(second.id).toBe('NO-002')
  })

  it('finds the n-th occurrence, or one within a recommendation, and says 422 when the quote is not there', async () => {
    const third = await delegate.comment(doc, { type: 'general', body: 'x', anchor: { quote: 'Offices should', occurrence: 3 } })
    expect(third).toMatchObject({ place: { kind: 'recommendation', recommendation: 3, action: [] }, locator: 'Recommendation 3' })
    const within = await delegate.comment(doc, { type: 'general', body: 'x', anchor: { quote: 'Offices should', within: 'Recommendation 7' } })
    expect(within).toMatchObject({ place: { kind: 'recommendation', recommendation: 7, action: [] }, locator: 'Recommendation 7' })
    const notARecommendation = await status(
      delegate.post(`/documents/${doc}/comments`, { type: 'general', body: 'x', anchor: { quote: 'Offices should', within: 'General' } }),
    )
    expect(notARecommendation.status).toBe(422)
    expect(notARecommendation.body.error).toMatch(/"within" must name a recommendation/)
    const missing = await status(delegate.post(`/documents/${doc}/comments`, { type: 'general', body: 'x', anchor: { quote: 'no such words anywhere' } }))
    expect(missing.status).toBe(422)
    expect(missing.body.error).toMatch(/Could not find the quoted text/)
    const outside = await status(
      delegate.post(`/documents/${doc}/comments`, { type: 'general', body: 'x', anchor: { quote: 'blockchain', within: 'Recommendation 1' } }),
    )
    expect(outside.status).toBe(422)
    expect((await delegate.comments(doc)).length).toBe(2)
  })

  it('makes general comments on the draft or on one recommendation', async () => {
    const general = await delegate.comment(doc, { type: 'general', body: 'Overall fine.' })
    expect(general).toMatchObject({ scope: 'draft', place: { kind: 'general' }, locator: 'General', anchorState: 'general', quote: '' })
    const onRec = await delegate.comment(doc, { type: 'general', body: 'Merge with 5?', recommendation: 6 })
    expect(onRec).toMatchObject({
      scope: 'recommendation',
      place: { kind: 'recommendation', recommendation: 6, action: [] },
      locator: 'Recommendation 6',
      anchorState: 'anchored',
    })
  })

  it('validates every body and stores text as plain text', async () => {
    const bad = [
      { type: 'nonsense', body: 'x' },
      { type: 'general', body: '   ' },
      { type: 'general', body: 'x', extra: 1 },
      { type: 'general', body: 'x'.repeat(10_001) },
    ]
    for (const body of bad) expect((await status(delegate.post(`/documents/${doc}/comments`, body))).status).toBe(400)
    const html = '<img src=x onerror=alert(1)> & <b>bold</b>'
    const c = await delegate.comment(doc, { type: 'general', body: html })
    expect(c.body).toBe(html)
    expect((await delegate.comments(doc)).length).toBe(1)
  })

  it('lets only the author edit or withdraw an open comment; withdrawn stays in the record', async () => {
    const c = await delegate.comment(doc, { type: 'general', body: 'first' })
    const byOther = await status(patch(await server.token('commenter', 'Hans Meyer', 'DE'), c.id, { body: 'hijacked' }))
    expect(byOther.status).toBe(403)
    expect(byOther.body.error).toMatch(/Only the author/)
    const edited = (await (await patch(delegateToken, c.id, { body: 'second thoughts' })).json()) as Comment
    expect(edited.body).toBe('second thoughts')
    const reply = await status(delegate.post(`/documents/${doc}/comments/${c.id}/replies`, { body: 'A reply' }))
    expect(reply.status).toBe(201)
    const withdrawn = await delegate.withdraw(doc, c.id)
    expect(withdrawn.status).toBe('withdrawn')
    expect(withdrawn.history.map((h) => h.action)).toEqual(['created', 'edited', 'replied', 'withdrawn'])
    const list = await delegate.comments(doc)
    expect(list.find((x) => x.id === c.id)?.status).toBe('withdrawn')
    expect((await status(patch(delegateToken, c.id, { body: 'too late' }))).status).toBe(409)
    // Nor does anyone else add to it: it stays in the record as it was withdrawn.
    const lateReply = await status(delegate.post(`/documents/${doc}/comments/${c.id}/replies`, { body: 'Too late' }))
    expect(lateReply.status).toBe(409)
    expect(lateReply.body.error).toMatch(/withdrawn/)
    expect((await delegate.comments(doc)).find((x) => x.id === c.id)?.replies).toHaveLength(1)
  })

  it('pushes a new, edited or replied comment to an open client within 300 ms', async () => {
    const listener = connectAccordClient(server.url, doc, editorToken)
    clients.push(listener)
    const events = listener.commentEvents
    await waitFor(() => events.some((e) => e.event.kind === 'snapshot'), 'snapshot on connect')
    const delays: number[] = []
    const timed = async (action: () => Promise<unknown>, check: (c: Comment) => boolean) => {
      const start = performance.now()
      await action()
      await waitFor(() => events.some((e) => e.event.kind === 'upsert' && e.event.comments.some(check)), 'pushed')
      delays.push(events.find((e) => e.event.kind === 'upsert' && e.event.comments.some(check))!.at - start)
    }
    let id = ''
    await timed(
      async () => (id = (await delegate.comment(doc, { type: 'general', body: 'pushed?' })).id),
      (c) => c.body === 'pushed?',
    )
    await timed(() => delegate.post(`/documents/${doc}/comments/${id}/replies`, { body: 'and the reply' }), (c) => c.replies.length === 1)
    await timed(() => patch(delegateToken, id, { body: 'edited' }), (c) => c.body === 'edited')
    console.log(`comment push delays (ms, request start to arrival): ${delays.map((d) => d.toFixed(1)).join(', ')}`)
    for (const d of delays) expect(d).toBeLessThan(300)
  })
})

describe('anchors follow their words', () => {
  it('keeps overlapping and nested comments each on their own words through edits', async () => {
    const client = await editorClient()
    const outer = await delegate.comment(doc, { type: 'general', body: 'outer', anchor: { quote: 'a written ICT strategy that is tied' } })
    const inner = await delegate.comment(doc, { type: 'general', body: 'inner', anchor: { quote: 'ICT', within: 'Recommendation 2' } })
    const overlap = await delegate.comment(doc, { type: 'general', body: 'overlap', anchor: { quote: 'strategy that is tied to their business' } })
    const statement = statementOf(client.doc, 2)
    statement.insert(0, 'Before. ')
    const at = statement.toString().indexOf('ICT') + 1
    statement.insert(at, '-and-') // inside "ICT": extends inner and outer
    const all = [outer, inner, overlap]
    await waitFor(() => coveredText(client, inner) === 'I-and-CT', 'inner follows')
    expect(coveredText(client, outer)).toBe('a written I-and-CT strategy that is tied')
    expect(coveredText(client, overlap)).toBe('strategy that is tied to their business')
    const fromServer = await delegate.comments(doc)
    for (const c of all) expect(fromServer.find((x) => x.id === c.id)?.anchorState).toBe('anchored')
  })

  it('orphans a comment when all of its words are deleted, keeps its quote, and lets an editor re-anchor it to new words, which it then quotes', async () => {
    const client = await editorClient()
    const c = await delegate.comment(doc, { type: 'editorial', body: 'wording', anchor: { quote: 'reviewed at regular intervals' } })
    const statement = statementOf(client.doc, 2)
    const text = statement.toString()
    statement.delete(text.indexOf('reviewed at regular intervals'), 'reviewed at regular intervals'.length)
    await waitFor(() => coveredText(client, c) === null, 'collapsed locally')
    await waitFor(() => server.drafts.peek(doc)!.doc.getXmlFragment('content').toString().includes('reviewed at') === false, 'server has the deletion')
    const orphan = (await delegate.comments(doc)).find((x) => x.id === c.id)!
    expect(orphan).toMatchObject({ anchorState: 'orphaned', quote: 'reviewed at regular intervals', status: 'open' })
    // An orphan stays at the place its words were last seen.
    expect(orphan.place).toEqual({ kind: 'recommendation', recommendation: 2, action: [] })
    expect(orphan.locator).toBe(c.locator)
    expect((await status(delegate.post(`/documents/${doc}/comments/${c.id}/anchor`, { anchor: { quote: 'business goals' } }))).status).toBe(403)
    const res = await editorApi.post(`/documents/${doc}/comments/${c.id}/anchor`, { anchor: { quote: 'business goals' } })
    expect(res.status).toBe(200)
    const again = (await res.json()) as Comment
    expect(again.anchorState).toBe('anchored')
    // The editor, the dashboard and every export show the words it is on now; the history keeps the old ones.
    expect(again.quote).toBe('business goals')
    expect(again.history.map((h) => [h.action, h.detail])).toEqual([
      ['created', undefined],
      ['re-anchored', 'reviewed at regular intervals'],
    ])
    expect(coveredText(client, again)).toBe('business goals')
  })

  it('applies a proposed change as a collaborative edit and records who applied it', async () => {
    const client = await editorClient()
    const c = await delegate.comment(doc, {
      type: 'technical',
      body: 'shorter',
      proposedChange: 'two to four years',
      anchor: { quote: 'three to five years' },
    })
    expect((await status(delegate.post(`/documents/${doc}/comments/${c.id}/apply`, {}))).status).toBe(403)
    const res = await editorApi.post(`/documents/${doc}/comments/${c.id}/apply`, {})
    expect(res.status).toBe(200)
    const applied = (await res.json()) as Comment
    expect(applied.applied?.by.name).toBe('Ana Silva')
    expect(applied.history.map((h) => h.action)).toEqual(['created', 'applied'])
    await waitFor(() => coveredText(client, applied) === 'two to four years', 'every client receives the edit')
    expect(client.doc.getXmlFragment('content').toString()).not.toContain('three to five years')
    expect((await status(editorApi.post(`/documents/${doc}/comments/${c.id}/apply`, {}))).status).toBe(409)
  })
})

describe('resolution', () => {
  it('only chairs resolve and reopen; every action is in the history with who and when', async () => {
    const chair = commentApi(server.url, await server.token('chair', 'Chair Person', 'WIPO'))
    const c = await delegate.comment(doc, { type: 'technical', body: 'Please add metrics.', anchor: { quote: 'published indicators' } })
    for (const api of [delegate, editorApi]) {
      const res = await status(api.post(`/documents/${doc}/comments/${c.id}/resolve`, { disposition: 'accepted', note: '' }))
      expect(res.status).toBe(403)
      expect(res.body.error).toMatch(/Only chairs/)
    }
    const bad = await status(chair.post(`/documents/${doc}/comments/${c.id}/resolve`, { disposition: 'maybe' }))
    expect(bad.status).toBe(400)
    // Standards bodies require a reason for these two: without observations nothing is decided.
    for (const disposition of ['not-accepted', 'accepted-with-modification']) {
      const unreasoned = await chair.post(`/documents/${doc}/comments/${c.id}/resolve`, { disposition, note: '   ' })
      expect(unreasoned.status).toBe(400)
      expect(((await unreasoned.json()) as { code: string }).code).toBe('decision.reasonRequired')
    }
    expect((await delegate.comments(doc)).find((x) => x.id === c.id)?.status).toBe('open')
    const resolved = await chair.resolve(doc, c.id, 'accepted-with-modification', 'Metrics added to Action 2.')
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolution: { disposition: 'accepted-with-modification', note: 'Metrics added to Action 2.', by: { name: 'Chair Person', org: 'WIPO' } },
    })
    expect((await status(editorApi.post(`/documents/${doc}/comments/${c.id}/reopen`, {}))).status).toBe(403)
    const reopened = (await (await chair.post(`/documents/${doc}/comments/${c.id}/reopen`, {})).json()) as Comment
    expect(reopened.status).toBe('open')
    expect(reopened.resolution).toBeUndefined()
    const history = reopened.history
    expect(history.map((h) => [h.action, h.by.name])).toEqual([
      ['created', 'Kari Nordmann'],
      ['resolved', 'Chair Person'],
      ['reopened', 'Chair Person'],
    ])
    expect(history[1]!.detail).toBe('accepted-with-modification')
    for (const h of history) expect(Number.isNaN(Date.parse(h.at))).toBe(false)
  })
})
