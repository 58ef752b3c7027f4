import * as Y from 'yjs'
import { beforeEach, describe, expect, it } from 'vitest'
import { CommentConflictError } from '../../server/store/errors'
import type { CommentWrite } from '../../server/store/Store'
import type { Harness } from './storeHarness'
import { at, comment, created, meta, next } from './storeFixtures'

/** The Store contract for comments: batches, revisions and conflicts, removals, and the counters of stores that keep them. */
export function describeCommentContract(harness: () => Harness): void {
  describe('comments', () => {
    let h: Harness
    beforeEach(async () => {
      h = harness()
      await h.store.createDocument(meta('d1'), Y.encodeStateAsUpdate(new Y.Doc()))
      await h.store.createDocument(meta('d2'), Y.encodeStateAsUpdate(new Y.Doc()))
    })

    it('stores a batch at once and reads it back by id and as a list, per document', async () => {
      expect(await h.store.listComments('d1')).toEqual([])
      expect(await h.store.getComment('d1', 'NO-001')).toBeUndefined()
      const batch = [comment('d1', 'NO-001'), comment('d1', 'NO-002', { type: 'technical' }), comment('d1', 'DE-001')]
      await h.store.putComments('d1', created(...batch))
      await h.store.putComments('d2', created(comment('d2', 'NO-001', { body: 'On the other draft' })))
      // Visible at once, before and after a restart.
      expect((await h.store.listComments('d1')).map((c) => c.id).sort()).toEqual(['DE-001', 'NO-001', 'NO-002'])
      const s = await h.reopen()
      expect(await s.getComment('d1', 'NO-002')).toEqual(batch[1])
      expect((await s.listComments('d1')).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
        [...batch].sort((a, b) => a.id.localeCompare(b.id)),
      )
      expect(await s.listComments('d2')).toEqual([comment('d2', 'NO-001', { body: 'On the other draft' })])
      expect(await s.getComment('d2', 'NO-002')).toBeUndefined()
    })

    it('replaces a comment with the same id (a newer revision) without duplicating it', async () => {
      await h.store.putComments('d1', created(comment('d1', 'NO-001')))
      const resolved = comment('d1', 'NO-001', {
        status: 'resolved',
        rev: 2,
        resolution: { disposition: 'accepted', note: 'Agreed', by: { id: 'c', name: 'Chair', org: 'WIPO' }, at },
        replies: [{ id: 'r1', author: { id: 'c', name: 'Chair', org: 'WIPO' }, body: 'Thanks', createdAt: at }],
      })
      await h.store.putComments('d1', [{ comment: resolved, expectedRev: 1 }])
      const s = await h.reopen()
      expect(await s.listComments('d1')).toEqual([resolved])
    })

    it('hands out copies: changing returned or stored comments changes nothing in the store', async () => {
      const c = comment('d1', 'NO-001')
      await h.store.putComments('d1', created(c))
      c.body = 'changed by the caller after the write'
      const got = (await h.store.getComment('d1', 'NO-001'))!
      got.replies.push({ id: 'x', author: got.author, body: 'sneaky', createdAt: at })
      const listed = await h.store.listComments('d1')
      listed[0]!.status = 'withdrawn'
      expect(await h.store.getComment('d1', 'NO-001')).toEqual(comment('d1', 'NO-001'))
    })

    it('keeps every comment of many batches, including comments made concurrently', async () => {
      const writes: Promise<void>[] = []
      for (let i = 0; i < 60; i++) {
        const id = `MX-${String(i).padStart(3, '0')}`
        writes.push(h.store.putComments('d1', created(comment('d1', id, { body: `Concurrent comment ${i}`.repeat(3) }))))
      }
      await Promise.all(writes)
      const s = await h.reopen()
      const ids = (await s.listComments('d1')).map((c) => c.id)
      expect(ids).toHaveLength(60)
      expect(new Set(ids).size).toBe(60)
    })

    /** The error a write rejects with; fails the test if it is not a comment conflict. */
    const conflictOf = async (write: Promise<void>): Promise<CommentConflictError> => {
      const err = await write.then(
        () => null,
        (e: unknown) => e,
      )
      expect(err).toBeInstanceOf(CommentConflictError)
      return err as CommentConflictError
    }

    it('refuses a write made from a revision that is no longer the stored one', async () => {
      const first = comment('d1', 'NO-001')
      await h.store.putComments('d1', created(first))
      await h.store.putComments('d1', [next(first, { body: 'Edited by the author' })])
      // A chair who read revision 1 resolves it: refused, the author's edit stays.
      const stale = await conflictOf(h.store.putComments('d1', [next(first, { status: 'resolved' })]))
      expect(stale.commentIds).toEqual(['NO-001'])
      expect(stale.documentId).toBe('d1')
      const s = await h.reopen()
      expect(await s.getComment('d1', 'NO-001')).toEqual({ ...first, body: 'Edited by the author', rev: 2 })
      // Made again from the current revision, it goes in.
      await s.putComments('d1', [next((await s.getComment('d1', 'NO-001'))!, { status: 'resolved' })])
      expect(await (await h.reopen()).getComment('d1', 'NO-001')).toMatchObject({ body: 'Edited by the author', status: 'resolved', rev: 3 })
    })

    it('refuses to create a comment whose id is taken, and to replace one that does not exist', async () => {
      await h.store.putComments('d1', created(comment('d1', 'NO-001')))
      const taken = await conflictOf(h.store.putComments('d1', created(comment('d1', 'NO-001', { body: 'Another comment, same id' }))))
      expect(taken.commentIds).toEqual(['NO-001'])
      const missing = await conflictOf(h.store.putComments('d1', [next(comment('d1', 'DE-001'))]))
      expect(missing.commentIds).toEqual(['DE-001'])
      // The same id on another draft is another comment.
      await h.store.putComments('d2', created(comment('d2', 'NO-001')))
      const s = await h.reopen()
      expect(await s.listComments('d1')).toEqual([comment('d1', 'NO-001')])
    })

    it('stores nothing of a batch in which one write conflicts, and names every conflicting comment', async () => {
      const existing = comment('d1', 'NO-001')
      await h.store.putComments('d1', created(existing, comment('d1', 'NO-002')))
      const batch: CommentWrite[] = [
        ...created(comment('d1', 'NO-003')),
        { comment: { ...existing, body: 'an edit made from a revision never stored', rev: 8 }, expectedRev: 7 },
        ...created(comment('d1', 'NO-002'), comment('d1', 'DE-001')),
      ]
      const err = await conflictOf(h.store.putComments('d1', batch))
      expect(err.commentIds).toEqual(['NO-001', 'NO-002'])
      const s = await h.reopen()
      expect((await s.listComments('d1')).map((c) => c.id).sort()).toEqual(['NO-001', 'NO-002'])
      expect(await s.getComment('d1', 'NO-001')).toEqual(existing)
      // A batch that changes the same comment twice is checked write by write.
      const edited = next(existing, { body: 'first edit' })
      await s.putComments('d1', [edited, next(edited.comment, { body: 'second edit' })])
      expect(await (await h.reopen()).getComment('d1', 'NO-001')).toMatchObject({ body: 'second edit', rev: 3 })
    })

    it('removes comments in the same atomic batch as writes, checking their revisions; removals survive a restart', async () => {
      const draft = comment('d1', 'NO-DABC123', { status: 'draft' })
      const other = comment('d1', 'NO-001')
      await h.store.putComments('d1', created(draft, other))
      const submitted = comment('d1', 'NO-002', { body: draft.body })
      // A stale removal refuses the whole batch.
      await expect(h.store.putComments('d1', created(submitted), [{ id: draft.id, expectedRev: 7 }])).rejects.toBeInstanceOf(CommentConflictError)
      expect((await h.store.listComments('d1')).map((c) => c.id).sort()).toEqual(['NO-001', 'NO-DABC123'])
      await h.store.putComments('d1', created(submitted), [{ id: draft.id, expectedRev: 1 }])
      const s = await h.reopen()
      expect((await s.listComments('d1')).map((c) => c.id).sort()).toEqual(['NO-001', 'NO-002'])
      expect(await s.getComment('d1', draft.id)).toBeUndefined()
    })

    it('lets exactly one of concurrent writes from the same revision in, and a write made from one not yet durable', async () => {
      const base = comment('d1', 'NO-001')
      await h.store.putComments('d1', created(base))
      // Ten writers read revision 1 and write at once, none waiting for another.
      const racing = Array.from({ length: 10 }, (_, i) => h.store.putComments('d1', [next(base, { body: `Writer ${i}` })]))
      const results = await Promise.allSettled(racing)
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []))
      expect(won).toEqual([0]) // the first to call; the rest are refused
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(CommentConflictError)
      // Two creations of one id at once, as the first writes of a draft (the disk store loads its files then): one is stored.
      const creations = await Promise.allSettled([
        h.store.putComments('d2', created(comment('d2', 'MX-001', { body: 'first' }))),
        h.store.putComments('d2', created(comment('d2', 'MX-001', { body: 'second' }))),
      ])
      expect(creations.map((r) => r.status)).toEqual(['fulfilled', 'rejected'])
      // A writer that read the first write before it was durable builds on it: both go in, in order.
      const current = (await h.store.getComment('d1', 'NO-001'))!
      const second = next(current, { body: 'second edit' })
      const pending = h.store.putComments('d1', [second])
      const third = h.store.putComments('d1', [next(second.comment, { body: 'third edit' })])
      await Promise.all([pending, third])
      const s = await h.reopen()
      expect(await s.getComment('d1', 'NO-001')).toMatchObject({ body: 'third edit', rev: 4 })
      expect(await s.listComments('d2')).toEqual([comment('d2', 'MX-001', { body: 'first' })])
    })
  })

  describe('comment sequences (stores that keep counters)', () => {
    let h: Harness
    beforeEach(async () => {
      h = harness()
      await h.store.createDocument(meta('d1'), Y.encodeStateAsUpdate(new Y.Doc()))
    })

    it('moves each org\'s counter with the comments it stores, never back, per draft', async () => {
      if (!h.store.commentSequences) return
      await h.store.putComments('d1', created(comment('d1', 'NO-001'), comment('d1', 'NO-002'), comment('d1', 'DE-007')))
      // A delegation's draft has no public id; a refused batch moves nothing.
      await h.store.putComments('d1', created(comment('d1', 'NO-DABC123', { status: 'draft' })))
      await expect(h.store.putComments('d1', created(comment('d1', 'NO-009'), comment('d1', 'NO-001')))).rejects.toBeInstanceOf(CommentConflictError)
      await h.store.putComments('d1', [], [{ id: 'NO-002', expectedRev: 1 }])
      const s = await h.reopen()
      expect(Object.fromEntries((await s.commentSequences!('d1'))!)).toEqual({ NO: 2, DE: 7 })
      expect((await s.commentSequences!('d2')).size).toBe(0)
    })
  })
}
