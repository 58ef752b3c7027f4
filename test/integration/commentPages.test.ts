import { describe, expect, it } from 'vitest'
import type { Comment } from '../../shared/types'
import { COMMENT_SNAPSHOT_FIRST } from '../../shared/protocol'
import { connectAccordClient } from '../helpers/accordClient'
import { commentApi } from '../helpers/commentApi'
import { waitFor } from '../helpers/yClient'
import { testServerForThisFile } from '../helpers/testServer'

/**
 * GET …/comments?limit=&after= serves the list in pages with a cursor; pages put together are the full
 * list, also right after comments change (the cache patches itself instead of recomputing); pages
 * revalidate with their ETag.
 */
const server = testServerForThisFile()

const QUOTES = ['electronic filing', 'data quality', 'business continuity', 'security awareness', 'legacy formats', 'written ICT strategy']
interface Page {
  comments: Comment[]
  next: string | null
}

async function setup() {
  const token = await server().token('chair', 'Claire Chair', 'WIPO')
  const api = commentApi(server().url, token)
  const draft = await server().openDraft(`Paged ${Math.random()}`)
  for (let i = 0; i < 23; i++) await api.comment(draft, { type: 'editorial', body: `Comment ${i}`, anchor: { quote: QUOTES[i % QUOTES.length] } })
  await api.comment(draft, { type: 'general', body: 'On the whole draft.' })
  const url = (limit: number, after?: string) => `/documents/${draft}/comments?limit=${limit}${after ? `&after=${after}` : ''}`
  const pages = async (limit: number) => {
    const out: Page[] = []
    let after: string | undefined
    do {
      const res = await api.get(url(limit, after))
      expect(res.status).toBe(200)
      const page = (await res.json()) as Page
      if (page.next) expect(res.headers.get('link')).toBe(`</api${url(limit, page.next)}>; rel="next"`)
      else expect(res.headers.get('link')).toBeNull()
      out.push(page)
      after = page.next ?? undefined
    } while (after)
    return out
  }
  const chair = (await server().participants.authenticate(token, ['token']))!.participant
  // As a browser revalidates (Node's fetch would add Cache-Control: no-cache to a conditional request).
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server().url}/api${path}`, { headers: { authorization: `Bearer ${token}`, 'cache-control': 'max-age=0', ...headers } })
  return { api, draft, url, pages, chair, get, token }
}

describe('comment pages', () => {
  it('put together, are the full list in document order, also after comments are added, answered, decided and withdrawn', async () => {
    const { api, draft, pages, chair } = await setup()
    const ids = (list: readonly Comment[]) => list.map((c) => c.id)
    const paged = async (limit: number) => (await pages(limit)).flatMap((p) => p.comments)
    expect(ids(await paged(5))).toEqual(ids(await api.comments(draft)))
    expect((await pages(5)).map((p) => p.comments.length)).toEqual([5, 5, 5, 5, 4])

    // Changes patch the cached list: it must equal a list computed from scratch.
    const added = await api.comment(draft, { type: 'technical', body: 'A new one in the middle.', anchor: { quote: 'data quality' } })
    const first = (await api.comments(draft))[3]!
    expect((await api.post(`/documents/${draft}/comments/${first.id}/replies`, { body: 'Agreed.' })).status).toBe(201)
    await api.resolve(draft, first.id, 'accepted', 'Done.')
    await api.withdraw(draft, added.id)
    const again = await api.comment(draft, { type: 'technical', body: 'And one more.', anchor: { quote: 'legacy formats' } })
    const fresh = await server().comments.list(draft, chair)
    const afterChanges = await paged(7)
    expect(ids(afterChanges)).toEqual(ids(fresh))
    expect(afterChanges).toEqual(fresh)
    expect(ids(afterChanges)).toContain(again.id)
    expect(afterChanges.find((c) => c.id === added.id)?.status).toBe('withdrawn')
    expect(afterChanges.find((c) => c.id === first.id)).toMatchObject({ status: 'resolved', replies: [{ body: 'Agreed.' }] })
  })

  it('answers 304 to a page whose ETag the client has, and 200 with a new ETag once the list changed', async () => {
    const { api, draft, url, get } = await setup()
    const res = await get(url(10))
    const etag = res.headers.get('etag')!
    expect(etag).toBeTruthy()
    expect((await get(url(10), { 'if-none-match': etag })).status).toBe(304)
    // Another page has its own ETag.
    expect((await get(url(5), { 'if-none-match': etag })).status).toBe(200)
    await api.comment(draft, { type: 'general', body: 'Changes the list.' })
    const changed = await get(url(10), { 'if-none-match': etag })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('etag')).not.toBe(etag)
  })

  it('reach a connecting window top of the draft first: the first 200 in document order, then the rest', async () => {
    const { api, draft, token } = await setup()
    for (let i = 0; i < COMMENT_SNAPSHOT_FIRST + 10; i++) await api.comment(draft, { type: 'editorial', body: `More ${i}`, anchor: { quote: QUOTES[i % QUOTES.length] } })
    const full = await api.comments(draft)
    const window = connectAccordClient(server().url, draft, token)
    try {
      await waitFor(() => window.commentEvents.length >= 2, 'both parts of the snapshot')
      const [first, rest] = window.commentEvents.map((e) => e.event)
      expect(first!.kind).toBe('snapshot')
      expect(first!.comments.map((c) => c.id)).toEqual(full.slice(0, COMMENT_SNAPSHOT_FIRST).map((c) => c.id))
      expect(rest!.kind).toBe('upsert')
      expect(rest!.comments.map((c) => c.id)).toEqual(full.slice(COMMENT_SNAPSHOT_FIRST).map((c) => c.id))
    } finally {
      window.destroy()
    }
  })

  it('refuses a bad limit with 400 and a cursor the viewer cannot see with 404, in JSON', async () => {
    const { api, url } = await setup()
    for (const limit of [0, 501, 1.5]) {
      const res = await api.get(url(limit))
      expect(res.status).toBe(400)
      expect(((await res.json()) as { error: string }).error).toMatch(/limit/)
    }
    const res = await api.get(url(5, 'ZZ-999'))
    expect(res.status).toBe(404)
    expect(((await res.json()) as { error: string }).error).toBeTruthy()
  })
})

