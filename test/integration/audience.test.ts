import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Comment, StoredComment } from '../../shared/types'
import { MemoryStore } from '../../server/store/MemoryStore'
import { type AccordClient, connectAccordClient } from '../helpers/accordClient'
import { rawRequest } from '../helpers/rawHttp'
import { startTestServer, type TestServer } from '../helpers/testServer'
import { waitFor, waitSynced } from '../helpers/yClient'

/**
 * Comments are computed for their viewer: a comment only one delegation may see (a delegation's draft,
 * status "draft") reaches that delegation's participants by every path — the REST list, single reads,
 * exports, import previews, pushed events, the snapshot on connect — and nobody else by any of them.
 */

const store = new MemoryStore()
let server: TestServer
const tokens: Record<'chair' | 'noDelegate' | 'noObserver' | 'mxDelegate', string> = {
  chair: '',
  noDelegate: '',
  noObserver: '',
  mxDelegate: '',
}
type Viewer = keyof typeof tokens
let publicComment: Comment
const DRAFT_ID = 'NO-900'
const DRAFT_WORDS = 'Words only Norway may see yet.'
const clients: AccordClient[] = []

beforeAll(async () => {
  server = await startTestServer({ store })
  tokens.chair = await server.token('chair', 'Chair of WIPO', 'WIPO')
  tokens.noDelegate = await server.token('commenter', 'Kari Nordmann', 'NO')
  tokens.noObserver = await server.token('observer', 'Ola Observer', 'NO')
  tokens.mxDelegate = await server.token('commenter', 'Ana Mexico', 'MX')
  const res = await rawRequest(server.url, `/api/documents/${server.demoId}/comments`, {
    method: 'POST',
    token: tokens.noDelegate,
    body: { type: 'general', body: 'A comment everyone sees.' },
  })
  publicComment = res.json as Comment
  // Nothing creates delegation drafts yet (national consolidation will): put one straight into the store.
  const { locator: _formatted, ...stored } = publicComment
  const draft: StoredComment = { ...stored, id: DRAFT_ID, body: DRAFT_WORDS, status: 'draft', rev: 1 }
  await store.putComments(server.demoId, [{ comment: draft, expectedRev: null }])
})

afterAll(async () => {
  for (const c of clients) c.destroy()
  await server?.stop()
})

const seesDraft: Record<Viewer, boolean> = { chair: false, noDelegate: true, noObserver: true, mxDelegate: false }
const viewers = Object.keys(tokens) as Viewer[]
const get = (viewer: Viewer, path: string) => rawRequest(server.url, `/api/documents/${server.demoId}${path}`, { token: tokens[viewer] })

describe('a comment for one delegation only', () => {
  it.each(viewers)('the list, a single read and the table export as %s', async (viewer) => {
    const list = (await get(viewer, '/comments')).json as Comment[]
    expect(list.map((c) => c.id).includes(DRAFT_ID)).toBe(seesDraft[viewer])
    expect(list.map((c) => c.id)).toContain(publicComment.id)
    expect((await get(viewer, `/comments/${DRAFT_ID}`)).status).toBe(seesDraft[viewer] ? 200 : 404)
    const csv = (await get(viewer, '/comments/export?format=csv')).text
    expect(csv.includes(DRAFT_WORDS)).toBe(seesDraft[viewer])
  })

  it('cannot be replied to, or even found, by another delegation', async () => {
    const reply = await rawRequest(server.url, `/api/documents/${server.demoId}/comments/${DRAFT_ID}/replies`, {
      method: 'POST',
      token: tokens.mxDelegate,
      body: { body: 'Let me in.' },
    })
    expect(reply.status).toBe(404)
    expect((reply.json as { code: string }).code).toBe('comment.notFound')
  })

  it('is not named in another audience’s import preview', async () => {
    const csv = `ID,Member State,Type,Location,Quoted text,Comment\r\n,NO,ge,General,,${DRAFT_WORDS}\r\n`
    const res = await rawRequest(server.url, `/api/documents/${server.demoId}/comments/import/preview`, {
      method: 'POST',
      token: tokens.chair,
      raw: csv,
      headers: { 'content-type': 'text/csv' },
    })
    expect(res.status).toBe(200)
    const rows = (res.json as { rows: { alreadyIn: string | null }[] }).rows
    expect(rows.map((r) => r.alreadyIn)).toEqual([null])
  })

  it('reaches the delegation’s open windows, on connect and when it changes, and no one else’s', async () => {
    const windows = Object.fromEntries(
      await Promise.all(
        viewers.map(async (viewer) => {
          const client = connectAccordClient(server.url, server.demoId, tokens[viewer])
          clients.push(client)
          await waitSynced(client)
          await waitFor(() => client.commentEvents.some((e) => e.event.kind === 'snapshot'), `${viewer} gets the snapshot`)
          return [viewer, client] as const
        }),
      ),
    ) as Record<Viewer, AccordClient>
    const received = (viewer: Viewer, id: string) => windows[viewer].commentEvents.some((e) => e.event.comments.some((c) => c.id === id))
    for (const viewer of viewers) expect(received(viewer, DRAFT_ID), `${viewer}'s snapshot`).toBe(seesDraft[viewer])

    // A change to the draft, then one to the public comment: each socket gets events in order, so once
    // the second has arrived everywhere, the first has arrived wherever it was sent.
    const before = Object.fromEntries(viewers.map((v) => [v, windows[v].commentEvents.length]))
    const replyAs = (id: string) =>
      rawRequest(server.url, `/api/documents/${server.demoId}/comments/${id}/replies`, { method: 'POST', token: tokens.noDelegate, body: { body: 'A reply.' } })
    expect((await replyAs(DRAFT_ID)).status).toBe(201)
    expect((await replyAs(publicComment.id)).status).toBe(201)
    for (const viewer of viewers) {
      await waitFor(
        () => windows[viewer].commentEvents.slice(before[viewer]).some((e) => e.event.comments.some((c) => c.id === publicComment.id)),
        `${viewer} gets the public change`,
      )
      const pushedDraft = windows[viewer].commentEvents.slice(before[viewer]).some((e) => e.event.comments.some((c) => c.id === DRAFT_ID))
      expect(pushedDraft, `${viewer} is pushed the draft's change`).toBe(seesDraft[viewer])
    }
  })
})
