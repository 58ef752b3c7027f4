import * as Y from 'yjs'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ChangesReport } from '../../shared/changes/changesReport'
import { CONTENT_FIELD } from '../../shared/protocol'
import { NODE } from '../../shared/schema/names'
import type { Comment, DocumentMeta } from '../../shared/types'
import { demoDraftContent } from '../../server/demo/demoDraft'
import { statementOf } from '../helpers/draftDoc'
import { manualClock } from '../helpers/manualClock'
import { docxPart, paragraphs } from '../helpers/officeFiles'
import { rawRequest } from '../helpers/rawHttp'
import { startTestServer, type TestServer } from '../helpers/testServer'
import { connectClient, draftText, waitFor, waitSynced, type YClient } from '../helpers/yClient'

/**
 * The changes-since report (issue 13) against a scripted round: the draft goes out for comment, two
 * delegations comment, the consultation closes, the Task Force applies one proposal, edits, deletes
 * and moves recommendations, the chair decides; the report says exactly that, per recommendation.
 */

const clock = manualClock(Date.parse('2026-12-01T09:00:00Z'))
const DEADLINE = '2026-12-15T17:00:00.000Z'
let server: TestServer
let documentId: string
const tokens = { chair: '', editor: '', norway: '', mexico: '', observer: '' }
const clients: YClient[] = []

beforeAll(async () => {
  server = await startTestServer({ clock })
  documentId = (await server.documents.createWithContent('Recommendations on ICT', demoDraftContent())).id
  tokens.chair = await server.token('chair', 'Claire Chair', 'WIPO')
  tokens.editor = await server.token('editor', 'Ana Silva', 'MZ')
  tokens.norway = await server.token('commenter', 'Kari Nordmann', 'NO')
  tokens.mexico = await server.token('commenter', 'Luis Romero', 'MX')
  tokens.observer = await server.token('observer', 'Olga Observer', 'LT')
})
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})
afterAll(async () => {
  await server?.stop()
})

type Who = keyof typeof tokens
const call = (who: Who, path: string, init: { method?: string; body?: unknown } = {}) =>
  rawRequest(server.url, `/api/documents/${documentId}${path}`, { token: tokens[who], ...init })
const ok = async (who: Who, path: string, body: unknown = {}) => {
  const res = await call(who, path, { method: 'POST', body })
  expect(res.status, `${path}: ${res.text}`).toBeLessThan(300)
  return res.json as Comment
}

function recommendations(doc: Y.Doc): Y.XmlElement[] {
  return doc
    .getXmlFragment(CONTENT_FIELD)
    .toArray()
    .filter((b): b is Y.XmlElement => b instanceof Y.XmlElement && b.nodeName === NODE.recommendation)
}

describe('the changes-since report', () => {
  it('before any round, asks which version to compare with', async () => {
    const refused = await call('chair', '/changes')
    expect(refused.status).toBe(409)
    expect((refused.json as { code: string }).code).toBe('changes.sinceRequired')
  })

  it('reports a scripted round per recommendation, with the decisions and a summary from the facts', async () => {
    await ok('chair', '/phase', { phase: 'consultation', reference: 'C.CWS 180', deadline: DEADLINE })
    const no = await ok('norway', '/comments', {
      type: 'technical',
      body: 'Name the kinds of procedures.',
      proposedChange: 'core examination and registration procedures',
      anchor: { quote: 'core procedures' },
    })
    const mx = await ok('mexico', '/comments', { type: 'editorial', body: 'Say how often.', anchor: { quote: 'reviewed at regular intervals' } })
    const general = await ok('mexico', '/comments', { type: 'general', body: 'A welcome text.' })
    clock.set(Date.parse(DEADLINE))
    await vi.waitFor(async () => expect(((await call('observer', '')).json as DocumentMeta).phase).toBe('resolution'))

    // The Task Force's revision: the Norwegian proposal applied; Ana edits recommendation 3, deletes
    // recommendation 6 and moves recommendation 5 up to 4.
    await ok('chair', `/comments/${no.id}/apply`)
    await ok('chair', `/comments/${no.id}/resolve`, { disposition: 'accepted', note: '' })
    await ok('chair', `/comments/${mx.id}/resolve`, { disposition: 'not-accepted', note: 'The strategy sets its own review cycle.' })
    const ana = connectClient(server.url, documentId, tokens.editor)
    clients.push(ana)
    await waitSynced(ana)
    statementOf(ana.doc, 3).insert(0, 'Where their law allows, ')
    const fragment = ana.doc.getXmlFragment(CONTENT_FIELD)
    const sixth = recommendations(ana.doc)[5]!
    fragment.delete(fragment.toArray().indexOf(sixth), 1)
    const fifth = recommendations(ana.doc)[4]!
    ana.doc.transact(() => {
      const at = fragment.toArray().indexOf(fifth)
      const copy = fifth.clone()
      fragment.delete(at, 1)
      fragment.insert(at - 1, [copy])
    })
    await waitFor(() => draftText(server.drafts.peek(documentId)!.doc) === draftText(ana.doc), 'the server has the revision')

    const report = (await call('observer', '/changes')).json as ChangesReport
    expect(report.since.label).toBe('Sent for comment (C.CWS 180)')
    expect(report.to.id).toBe('live')
    const rec = (n: number) => report.recommendations.find((r) => r.number === n)!

    expect(rec(1)).toMatchObject({ status: 'modified', comments: [{ id: no.id, org: 'NO', disposition: 'accepted', applied: true }] })
    expect(rec(1).editors).toEqual([{ name: 'Claire Chair', org: 'WIPO' }])
    expect(rec(2)).toMatchObject({ status: 'unchanged', inserted: 0, deleted: 0, comments: [{ id: mx.id, org: 'MX', disposition: 'not-accepted', applied: false }] })
    expect(rec(3)).toMatchObject({ status: 'modified', inserted: 4, deleted: 0, editors: [{ name: 'Ana Silva', org: 'MZ' }] })
    // Two neighbours swapped: which of them "moved" is the engine's choice; the pair is what counts.
    const moved = report.recommendations.filter((r) => r.status === 'moved')
    expect(moved).toHaveLength(1)
    expect([moved[0]!.fromNumber, moved[0]!.number].sort()).toEqual([4, 5])
    expect(report.recommendations.filter((r) => r.status === 'deleted').map((r) => r.fromNumber)).toEqual([6])
    expect(report.otherComments.map((c) => c.id)).toEqual([general.id])
    expect(report.comments).toMatchObject({ total: 3, accepted: 1, 'not-accepted': 1, open: 1, applied: 1 })

    expect(report.summary).toContain('Recommendation 3: 4 words inserted by Ana Silva (MZ)')
    expect(report.summary).toContain('Recommendations 4 and 5 reordered')
    expect(report.summary).toContain('Recommendation 6: deleted')
    expect(report.summary.at(-1)).toBe('3 comments: 1 accepted, 1 not accepted; 1 proposed change applied; 1 not yet decided')
    expect(report.counts.movedBlocks).toBe(1)
  })

  it('comes as an HTML page and a Word file saying the same', async () => {
    const html = await call('chair', '/changes?format=html')
    expect(html.status).toBe(200)
    expect(html.headers['content-type']).toMatch(/text\/html/)
    expect(html.text).toContain('<li>Recommendations 4 and 5 reordered</li>')
    expect(html.text).toContain('NO-001 (te): Accepted, proposed change applied')
    const docx = await fetch(`${server.url}/api/documents/${documentId}/changes?format=docx`, { headers: { authorization: `Bearer ${tokens.chair}` } })
    expect(docx.status).toBe(200)
    const text = paragraphs(await docxPart(new Uint8Array(await docx.arrayBuffer())))
    expect(text).toContain('Recommendation 6: deleted')
    expect(text.some((p) => /^Recommendation [45] \(was [45]\)$/.test(p))).toBe(true)
    expect(text).toContain('MX-001 (ed): Not accepted')
  })

  it('compares with any version named in since, and refuses an unknown one', async () => {
    const named = await call('editor', '/versions', { method: 'POST', body: { label: 'Revised draft' } })
    const since = (named.json as { id: string }).id
    const report = (await call('chair', `/changes?since=${since}`)).json as ChangesReport
    expect(report.since.label).toBe('Revised draft')
    expect(report.recommendations.every((r) => r.status === 'unchanged')).toBe(true)
    expect((await call('chair', '/changes?since=nope')).status).toBe(404)
    expect((await call('chair', '/changes?format=pdf')).status).toBe(400)
  })
})
