import * as Y from 'yjs'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { notificationId } from '../../shared/notifications'
import { CommentConflictError } from '../../server/store/errors'
import type { Store } from '../../server/store/Store'
import type { Harness } from './storeHarness'
import { at, comment, created, meta, next, notification } from './storeFixtures'

/** The Store contract for the outbox of notifications, and for claims where a store offers them (shared stores). */
export function describeNotificationContract(harness: () => Harness): void {
  describe('notifications (the outbox)', () => {
    let h: Harness
    // Outbox entries are about drafts the store has (a disk store reads each listed draft's files at start).
    beforeEach(async () => {
      h = harness()
      for (const id of ['d1', 'd2']) await h.store.createDocument(meta(id), Y.encodeStateAsUpdate(new Y.Doc()))
    })

    it('stores a comment change and its notifications in one batch: a refused batch stores neither', async () => {
      const base = comment('d1', 'NO-001')
      await h.store.putComments('d1', created(base))
      const replied = notification('d1', 'reply-1', 'p1')
      await expect(h.store.putComments('d1', [next(base, { body: 'x' }), next(base, { body: 'y' })], [], [replied])).rejects.toBeInstanceOf(CommentConflictError)
      expect(await h.store.listNotifications({})).toEqual([])
      await h.store.putComments('d1', [next(base, { body: 'replied' })], [], [replied])
      const s = await h.reopen()
      expect(await s.listNotifications({})).toEqual([replied])
      expect((await s.getComment('d1', 'NO-001'))!.body).toBe('replied')
    })

    it('stores an id once: adding it again (a repeat of the same event) keeps the entry as it is, also after a restart', async () => {
      const first = notification('d1', 'e1', 'p1')
      await h.store.addNotifications('d1', [first])
      await h.store.updateNotifications('d1', [{ ...first, state: 'sent', attempts: 1, sentAt: at }])
      await Promise.all([h.store.addNotifications('d1', [first]), h.store.putComments('d1', [], [], [first])])
      const s = await h.reopen()
      expect(await s.listNotifications({})).toEqual([{ ...first, state: 'sent', attempts: 1, sentAt: at }])
      // Two adds of a new id at once: one entry.
      const twin = notification('d1', 'e2', 'p1')
      await Promise.all([s.addNotifications('d1', [twin]), s.addNotifications('d1', [{ ...twin, attempts: 5 }])])
      expect((await s.listNotifications({ eventId: 'e2' })).map((n) => n.attempts)).toEqual([0])
    })

    it('lists by draft, recipient, channel, state and event, oldest first; updates only stored ids', async () => {
      const a = notification('d1', 'e1', 'p1', { createdAt: '2024-05-01T10:00:02.000Z' })
      const b = notification('d1', 'e1', 'p2', { createdAt: '2024-05-01T10:00:01.000Z' })
      const c = notification('d2', 'e3', 'p1', { channel: 'app', id: notificationId('e3', 'p1', 'app'), state: undefined })
      await h.store.addNotifications('d1', [a, b])
      await h.store.addNotifications('d2', [c])
      await h.store.updateNotifications('d1', [{ ...b, state: 'failed' }, notification('d1', 'never-added', 'p9')])
      const s = await h.reopen()
      const ids = async (q: Parameters<Store['listNotifications']>[0]) => (await s.listNotifications(q)).map((n) => n.id)
      expect(await ids({})).toEqual([c.id, b.id, a.id])
      expect(await ids({ documentId: 'd1' })).toEqual([b.id, a.id])
      expect(await ids({ recipientId: 'p1' })).toEqual([c.id, a.id])
      expect(await ids({ channel: 'app' })).toEqual([c.id])
      expect(await ids({ state: 'pending' })).toEqual([a.id])
      expect(await ids({ eventId: 'e1', recipientId: 'p2' })).toEqual([b.id])
      // Entries are filed under the draft they are about.
      await expect(s.addNotifications('d2', [notification('d1', 'e4', 'p1')])).rejects.toThrow(/another draft/)
    })

    it('hands out copies of entries', async () => {
      const n = notification('d1', 'e1', 'p1')
      await h.store.addNotifications('d1', [n])
      n.state = 'sent'
      const [listed] = await h.store.listNotifications({})
      listed!.attempts = 9
      expect(await h.store.listNotifications({})).toEqual([{ ...n, state: 'pending' }])
    })

    describe('claims (stores several instances send from)', () => {
      const later = Date.parse(at) + 60_000
      const digest = 'digest~p1~2024-05-01T10:00:00.000Z'

      it('gives a due message to exactly one of concurrent claimants, counting the attempt; nothing not due, nothing sent', async () => {
        if (!h.store.claimMail) return
        const parts = [notification('d1', 'e1', 'p1', { mailId: digest, delivery: 'digest' }), notification('d2', 'e2', 'p1', { mailId: digest, delivery: 'digest' })]
        const retry = notification('d1', 'e3', 'p1', { sendAfter: new Date(later).toISOString() })
        await h.store.addNotifications('d1', [parts[0]!, retry])
        await h.store.addNotifications('d2', [parts[1]!])
        const claims = await Promise.all(Array.from({ length: 6 }, () => h.store.claimMail!(digest, later, 60_000)))
        const winners = claims.filter((c) => c.length > 0)
        expect(winners).toHaveLength(1)
        expect(winners[0]!.map((n) => [n.id, n.attempts])).toEqual(parts.map((n) => [n.id, 1]))
        expect((await h.store.listNotifications({ eventId: 'e1' }))[0]!.attempts).toBe(1)
        // A retry waits for its time; then it is claimed.
        expect(await h.store.claimMail(retry.id, later - 1, 60_000)).toEqual([])
        expect((await h.store.claimMail(retry.id, later, 60_000)).map((n) => n.id)).toEqual([retry.id])
        // An outcome recorded ends the claim: a sent entry is never claimed again, a retry is, once due.
        await h.store.updateNotifications('d1', [{ ...parts[0]!, state: 'sent', attempts: 1, sentAt: at }])
        await h.store.updateNotifications('d2', [{ ...parts[1]!, attempts: 1, sendAfter: new Date(later + 1).toISOString() }])
        expect(await h.store.claimMail(digest, later, 60_000)).toEqual([])
        expect((await h.store.claimMail(digest, later + 1, 60_000)).map((n) => [n.id, n.attempts])).toEqual([[parts[1]!.id, 2]])
      })

      it('lets another claimant take a message whose claim ran out (its claimant died)', async () => {
        if (!h.store.claimMail) return
        const n = notification('d1', 'e1', 'p1')
        await h.store.addNotifications('d1', [n])
        expect(await h.store.claimMail(n.id, later, 50)).toHaveLength(1)
        // Polled, not slept: the claim runs out by the store's own clock.
        await vi.waitFor(async () => expect((await h.store.claimMail!(n.id, later, 60_000)).map((e) => e.attempts)).toEqual([2]), { timeout: 5000, interval: 20 })
        expect(await h.store.claimMail(n.id, later, 60_000)).toEqual([])
      })
    })
  })
}
