import * as Y from 'yjs'
import { describe, expect, it, vi } from 'vitest'
import type { Comment } from '../../shared/types'
import { NODE } from '../../shared/schema/names'
import { commentApi } from '../helpers/commentApi'
import { fragmentOf } from '../helpers/draftFixtures'
import { testServerForThisFile } from '../helpers/testServer'

/**
 * GET …/comments is served from a cache: a comment's change shows in the next list at once; a text
 * edit that moves comments (new places) shows within 2 s, and `…/:cid` is current at once.
 */
const server = testServerForThisFile()

describe('the cached comment list', () => {
  it('shows a changed comment at once and follows a text edit within 2 s', async () => {
    const api = commentApi(server().url, await server().token('commenter', 'Kari Nordmann', 'NO'))
    const draft = server().demoId
    const c = await api.comment(draft, { type: 'technical', body: 'Budget?', anchor: { quote: 'written ICT strategy' } })
    const inList = async () => (await api.comments(draft)).find((x) => x.id === c.id)!
    expect(await inList()).toMatchObject({ place: { kind: 'recommendation', recommendation: 2, action: [] }, locator: 'Recommendation 2' })

    const edited = await api.post(`/documents/${draft}/comments/${c.id}/replies`, { body: 'And staffing?' })
    expect(edited.status).toBe(201)
    expect((await inList()).replies).toHaveLength(1)

    // Delete Recommendation 1: the comment's words are now in Recommendation 1.
    await server().drafts.use(draft, (doc) => {
      const fragment = fragmentOf(doc)
      const first = fragment.toArray().findIndex((n) => n instanceof Y.XmlElement && n.nodeName === NODE.recommendation)
      fragment.delete(first, 1)
    })
    const single = (await (await api.get(`/documents/${draft}/comments/${c.id}`)).json()) as Comment
    expect(single).toMatchObject({ place: { kind: 'recommendation', recommendation: 1, action: [] }, locator: 'Recommendation 1' })
    const editedAt = performance.now()
    await vi.waitFor(async () => expect((await inList()).place).toEqual(single.place), { timeout: 5000, interval: 100 })
    expect((await inList()).locator).toBe('Recommendation 1')
    const lag = performance.now() - editedAt
    console.log(`comment list: followed the text edit after ${Math.round(lag)} ms`)
    expect(lag).toBeLessThan(3000)
  })
})
