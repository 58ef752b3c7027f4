import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type StoredNotification, notificationId } from '../../../shared/notifications'
import type { DocumentMeta, Participant, StoredComment } from '../../../shared/types'
import { LowdbStore } from '../../../server/store/LowdbStore'
import { MemoryStore } from '../../../server/store/MemoryStore'
import { CommentConflictError } from '../../../server/store/errors'
import type { CommentWrite, Credential, Store, StoredVersion } from '../../../server/store/Store'

/**
 * One contract for every Store. `reopen()` closes the store and opens a fresh instance on the same data
 * (a restart); for the memory store it is the same instance, so every assertion made after `reopen()`
 * checks both the live store and, for disk stores, what survives a restart.
 */
interface Harness {
  store: Store
  reopen(): Promise<Store>
  cleanup(): Promise<void>
}

const implementations: { name: string; create: () => Promise<Harness> }[] = [
  {
    name: 'MemoryStore',
    create: async () => {
      const store = new MemoryStore()
      await store.open()
      const h: Harness = { store, reopen: async () => h.store, cleanup: () => h.store.close() }
      return h
    },
  },
  {
    name: 'LowdbStore',
    create: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'accord-contract-'))
      const store = new LowdbStore(dir)
      await store.open()
      const h: Harness = {
        store,
        reopen: async () => {
          await h.store.close()
          h.store = new LowdbStore(dir)
          await h.store.open()
          return h.store
        },
        cleanup: async () => {
          await h.store.close()
          rmSync(dir, { recursive: true, force: true })
        },
      }
      return h
    },
  },
]

const at = '2024-05-01T10:00:00.000Z'

const participant = (id: string, extra: Partial<Participant> = {}): Participant => ({
  id,
  name: `Person ${id}`,
  org: 'NO',
  role: 'editor',
  createdAt: at,
  ...extra,
})

const credential = (hash: string, participantId: string, extra: Partial<Credential> = {}): Credential => ({
  hash,
  kind: 'token',
  participantId,
  createdAt: at,
  ...extra,
})

const meta = (id: string, title = `Draft ${id}`): DocumentMeta => ({ id, title, createdAt: at, updatedAt: at })

const comment = (documentId: string, id: string, extra: Partial<StoredComment> = {}): StoredComment => ({
  id,
  documentId,
  author: { id: 'p1', name: 'Ola Nordmann', org: 'NO' },
  type: 'editorial',
  body: `Comment ${id}: please clarify the wording.`,
  quote: 'electronic processing',
  scope: 'text',
  anchors: [{ start: 'AAE=', end: 'AAI=' }],
  place: { kind: 'recommendation', recommendation: 1, action: [] },
  anchorState: 'anchored',
  status: 'open',
  replies: [],
  history: [{ action: 'created', by: { id: 'p1', name: 'Ola Nordmann', org: 'NO' }, at }],
  createdAt: at,
  updatedAt: at,
  rev: 1,
  ...extra,
})

/** An e-mail outbox entry about a reply to `commentId`, for `recipientId`. */
const notification = (documentId: string, eventId: string, recipientId: string, extra: Partial<StoredNotification> = {}): StoredNotification => ({
  id: notificationId(eventId, recipientId, 'email'),
  eventId,
  recipientId,
  channel: 'email',
  documentId,
  documentTitle: `Draft ${documentId}`,
  commentId: 'NO-001',
  createdAt: at,
  facts: { kind: 'reply', comment: { id: 'NO-001', type: 'editorial', place: { kind: 'general' }, quote: '', body: 'A comment' }, by: { id: 'p2', name: 'Ana', org: 'MZ' }, reply: 'A reply' },
  delivery: 'immediately',
  state: 'pending',
  attempts: 0,
  ...extra,
})

/** Writes of comments that must not exist yet. */
const created = (...comments: StoredComment[]): CommentWrite[] => comments.map((c) => ({ comment: c, expectedRev: null }))

/** A write of the next revision of `c`, made from the revision `c` has. */
const next = (c: StoredComment, extra: Partial<StoredComment> = {}): CommentWrite => ({ comment: { ...c, ...extra, rev: c.rev + 1 }, expectedRev: c.rev })

/** A Yjs document whose text we can compare, and the updates it emits. */
function recordingDoc(): { doc: Y.Doc; text: Y.Text; updates: Uint8Array[] } {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  return { doc, text: doc.getText('t'), updates }
}

function rebuild(updates: readonly Uint8Array[]): string {
  const doc = new Y.Doc()
  for (const u of updates) Y.applyUpdate(doc, u)
  const s = doc.getText('t').toString()
  doc.destroy()
  return s
}

describe.each(implementations)('Store contract: $name', ({ create }) => {
  let h: Harness
  beforeEach(async () => {
    h = await create()
  })
  afterEach(async () => {
    await h.cleanup()
  })

  describe('participants', () => {
    it('starts empty and returns what was put, by id and in the list', async () => {
      expect(await h.store.listParticipants()).toEqual([])
      expect(await h.store.getParticipant('p1')).toBeUndefined()
      await h.store.putParticipant(participant('p1'))
      await h.store.putParticipant(participant('p2', { role: 'chair', org: 'WIPO', email: 'chair@example.org' }))
      const s = await h.reopen()
      expect(await s.getParticipant('p2')).toEqual(participant('p2', { role: 'chair', org: 'WIPO', email: 'chair@example.org' }))
      expect((await s.listParticipants()).map((p) => p.id).sort()).toEqual(['p1', 'p2'])
      expect(await s.getParticipant('nobody')).toBeUndefined()
    })

    it('replaces a participant with the same id instead of adding a second', async () => {
      await h.store.putParticipant(participant('p1'))
      await h.store.putParticipant(participant('p1', { role: 'observer', revokedAt: at }))
      const s = await h.reopen()
      expect(await s.listParticipants()).toEqual([participant('p1', { role: 'observer', revokedAt: at })])
    })

    it('hands out copies: changing a returned or stored object changes nothing in the store', async () => {
      const p = participant('p1')
      await h.store.putParticipant(p)
      p.name = 'changed after put'
      const got = (await h.store.getParticipant('p1'))!
      got.role = 'chair'
      const listed = await h.store.listParticipants()
      listed[0]!.org = 'XX'
      expect(await h.store.getParticipant('p1')).toEqual(participant('p1'))
    })
  })

  describe('credentials', () => {
    it('finds a credential by hash, replaces it by hash, and deletes all of a participant', async () => {
      expect(await h.store.findCredential('h1')).toBeUndefined()
      await h.store.putCredential(credential('h1', 'p1', { kind: 'link', expiresAt: '2024-05-08T10:00:00.000Z' }))
      await h.store.putCredential(credential('h2', 'p1'))
      await h.store.putCredential(credential('h3', 'p2', { kind: 'session' }))
      await h.store.putCredential(credential('h1', 'p1', { kind: 'link', expiresAt: '2024-05-08T10:00:00.000Z', usedAt: at }))
      let s = await h.reopen()
      expect(await s.findCredential('h1')).toEqual(
        credential('h1', 'p1', { kind: 'link', expiresAt: '2024-05-08T10:00:00.000Z', usedAt: at }),
      )
      await s.deleteCredentialsOf('p1')
      s = await h.reopen()
      expect(await s.findCredential('h1')).toBeUndefined()
      expect(await s.findCredential('h2')).toBeUndefined()
      expect(await s.findCredential('h3')).toEqual(credential('h3', 'p2', { kind: 'session' }))
      await s.deleteCredentialsOf('nobody')
      expect(await s.findCredential('h3')).toBeDefined()
    })

    it('deletes one credential by hash, and a participant\'s credentials of one kind', async () => {
      await h.store.putCredential(credential('link1', 'p1', { kind: 'link' }))
      await h.store.putCredential(credential('link2', 'p1', { kind: 'link' }))
      await h.store.putCredential(credential('session1', 'p1', { kind: 'session' }))
      await h.store.putCredential(credential('session2', 'p1', { kind: 'session' }))
      await h.store.putCredential(credential('link3', 'p2', { kind: 'link' }))
      await h.store.deleteCredential('session1')
      await h.store.deleteCredential('never-stored')
      await h.store.deleteCredentialsOf('p1', 'link')
      const s = await h.reopen()
      const hashes = ['link1', 'link2', 'session1', 'session2', 'link3']
      const kept = await Promise.all(hashes.map(async (hash) => (await s.findCredential(hash)) !== undefined))
      expect(hashes.filter((_, i) => kept[i])).toEqual(['session2', 'link3'])
    })

    it('hands out copies of credentials', async () => {
      const c = credential('h1', 'p1', { kind: 'link' })
      await h.store.putCredential(c)
      c.participantId = 'someone else'
      const found = (await h.store.findCredential('h1'))!
      found.usedAt = at
      expect(await h.store.findCredential('h1')).toEqual(credential('h1', 'p1', { kind: 'link' }))
    })
  })

  describe('settings', () => {
    it('starts empty and merges each patch into the stored values', async () => {
      expect(await h.store.getSettings()).toEqual({})
      await h.store.putSettings({ seeded: true, phase: 'drafting' })
      await h.store.putSettings({ phase: 'comments', round: 2 })
      const s = await h.reopen()
      expect(await s.getSettings()).toEqual({ seeded: true, phase: 'comments', round: 2 })
      const got = await s.getSettings()
      got.seeded = false
      expect((await s.getSettings()).seeded).toBe(true)
    })
  })

  describe('documents', () => {
    it('creates, lists, reads and updates document metadata', async () => {
      expect(await h.store.listDocuments()).toEqual([])
      const { doc, text } = recordingDoc()
      text.insert(0, 'Recommendation one')
      await h.store.createDocument(meta('d1'), Y.encodeStateAsUpdate(doc))
      await h.store.createDocument(meta('d2'), Y.encodeStateAsUpdate(new Y.Doc()))
      await h.store.putDocumentMeta({ ...meta('d1', 'Renamed draft'), updatedAt: '2024-05-02T00:00:00.000Z' })
      const s = await h.reopen()
      expect((await s.listDocuments()).map((d) => d.id).sort()).toEqual(['d1', 'd2'])
      expect(await s.getDocument('d1')).toEqual({ ...meta('d1', 'Renamed draft'), updatedAt: '2024-05-02T00:00:00.000Z' })
      expect(await s.getDocument('nope')).toBeUndefined()
      const got = (await s.getDocument('d2'))!
      got.title = 'mutated copy'
      expect((await s.getDocument('d2'))!.title).toBe('Draft d2')
    })

    it('refuses to create a document twice and to update one that does not exist, changing nothing', async () => {
      const first = recordingDoc()
      first.text.insert(0, 'original')
      await h.store.createDocument(meta('d1'), Y.encodeStateAsUpdate(first.doc))
      const other = recordingDoc()
      other.text.insert(0, 'intruder')
      await expect(h.store.createDocument(meta('d1', 'Other'), Y.encodeStateAsUpdate(other.doc))).rejects.toThrow(/d1/)
      await expect(h.store.putDocumentMeta(meta('ghost'))).rejects.toThrow(/ghost/)
      const s = await h.reopen()
      expect(await s.listDocuments()).toEqual([meta('d1')])
      expect(rebuild(await s.loadDocumentState('d1'))).toBe('original')
    })

    it('loads the initial state, then the appended updates, which rebuild the document in order', async () => {
      const { doc, text, updates } = recordingDoc()
      text.insert(0, 'Offices should')
      await h.store.createDocument(meta('d1'), Y.encodeStateAsUpdate(doc))
      updates.length = 0
      const full = () => Y.encodeStateAsUpdate(doc)
      const appended: Uint8Array[] = []
      text.insert(text.length, ' adopt')
      text.insert(text.length, ' a strategy')
      appended.push(...updates)
      await h.store.appendDocumentUpdates('d1', updates.splice(0), full)
      text.delete(0, 'Offices '.length)
      text.insert(0, 'Members ')
      appended.push(...updates)
      await h.store.appendDocumentUpdates('d1', updates.splice(0), full)
      await h.store.appendDocumentUpdates('d1', [], full)

      const s = await h.reopen()
      const loaded = await s.loadDocumentState('d1')
      expect(loaded).toHaveLength(5)
      // The initial state first, then every update byte for byte, in order.
      expect(loaded.slice(1).map((u) => [...u])).toEqual(appended.map((u) => [...u]))
      expect(rebuild(loaded)).toBe('Members should adopt a strategy')
      expect(await s.loadDocumentState('unknown')).toEqual([])
    })

    it('rejects updates for a document that does not exist', async () => {
      const { doc, text, updates } = recordingDoc()
      text.insert(0, 'stray')
      await expect(h.store.appendDocumentUpdates('ghost', updates, () => Y.encodeStateAsUpdate(doc))).rejects.toThrow(/ghost/)
      const s = await h.reopen()
      expect(await s.loadDocumentState('ghost')).toEqual([])
      expect(await s.listDocuments()).toEqual([])
    })

    it('keeps the states of different documents apart', async () => {
      const a = recordingDoc()
      const b = recordingDoc()
      await h.store.createDocument(meta('a'), Y.encodeStateAsUpdate(a.doc))
      await h.store.createDocument(meta('b'), Y.encodeStateAsUpdate(b.doc))
      a.text.insert(0, 'alpha')
      b.text.insert(0, 'beta')
      await h.store.appendDocumentUpdates('a', a.updates.splice(0), () => Y.encodeStateAsUpdate(a.doc))
      await h.store.appendDocumentUpdates('b', b.updates.splice(0), () => Y.encodeStateAsUpdate(b.doc))
      const s = await h.reopen()
      expect(rebuild(await s.loadDocumentState('a'))).toBe('alpha')
      expect(rebuild(await s.loadDocumentState('b'))).toBe('beta')
    })

    it('compacts a long history into fewer updates that rebuild the same document', async () => {
      const { doc, text, updates } = recordingDoc()
      await h.store.createDocument(meta('d1'), Y.encodeStateAsUpdate(doc))
      let fullStateCalls = 0
      const full = () => {
        fullStateCalls++
        return Y.encodeStateAsUpdate(doc)
      }
      // 700 one-update saves of ~150 bytes: past every implementation's compaction threshold.
      const appended = 700
      for (let i = 0; i < appended; i++) {
        text.insert(text.length, `Edit ${i} `.padEnd(140, '.'))
        await h.store.appendDocumentUpdates('d1', updates.splice(0), full)
      }
      expect(fullStateCalls).toBeGreaterThan(0)
      const expected = text.toString()
      const live = await h.store.loadDocumentState('d1')
      expect(live.length).toBeLessThan(appended + 1)
      expect(rebuild(live)).toBe(expected)
      const s = await h.reopen()
      const loaded = await s.loadDocumentState('d1')
      expect(loaded.length).toBeLessThan(appended + 1)
      expect(rebuild(loaded)).toBe(expected)
      // Appends after a compaction and a restart still land.
      text.insert(0, 'Start. ')
      await s.appendDocumentUpdates('d1', updates.splice(0), full)
      expect(rebuild(await (await h.reopen()).loadDocumentState('d1'))).toBe(`Start. ${expected}`)
    })
  })

  describe('comments', () => {
    beforeEach(async () => {
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

  describe('notifications (the outbox)', () => {
    // Outbox entries are about drafts the store has (a disk store reads each listed draft's files at start).
    beforeEach(async () => {
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
  })

  describe('versions and authors', () => {
    const version = (documentId: string, id: string, createdAt: string, label = `Version ${id}`): StoredVersion => {
      const { doc, text } = recordingDoc()
      text.insert(0, `text of ${id}`)
      return {
        version: { id, documentId, label, kind: 'manual', createdAt, createdBy: { id: 'p1', name: 'Ola', org: 'NO' }, comments: [{ id: 'NO-001', status: 'open' }] },
        state: Y.encodeStateAsUpdate(doc),
        draft: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `text of ${id}` }] }] },
      }
    }

    it('keeps versions immutable: listed oldest first, read back whole after a restart, an id only once', async () => {
      await h.store.createDocument(meta('d1'), new Uint8Array([0, 0]))
      await h.store.createDocument(meta('d2'), new Uint8Array([0, 0]))
      const second = version('d1', 'v2', '2024-05-02T10:00:00.000Z')
      const first = version('d1', 'v1', '2024-05-01T10:00:00.000Z', 'Sent for comment (C.CWS 180)')
      await h.store.putVersion(second)
      await h.store.putVersion(first)
      await h.store.putVersion(version('d2', 'v3', at))
      await expect(h.store.putVersion({ ...first, draft: { changed: true } })).rejects.toThrow(/v1/)
      await expect(h.store.putVersion(version('ghost', 'v9', at))).rejects.toThrow(/ghost/)
      const s = await h.reopen()
      expect((await s.listVersions('d1')).map((v) => [v.id, v.label])).toEqual([
        ['v1', 'Sent for comment (C.CWS 180)'],
        ['v2', 'Version v2'],
      ])
      const read = (await s.getVersion('d1', 'v1'))!
      expect(read.version).toEqual(first.version)
      expect(read.draft).toEqual(first.draft)
      expect(rebuild([read.state])).toBe('text of v1')
      expect(await s.getVersion('d1', 'v3')).toBeUndefined()
      expect(await s.listVersions('nothing')).toEqual([])
    })

    it('records who typed with each clientID; the first record of a clientID stays', async () => {
      await h.store.createDocument(meta('d1'), new Uint8Array([0, 0]))
      const ola = { id: 'p1', name: 'Ola', org: 'NO' }
      const ana = { id: 'p2', name: 'Ana', org: 'MX' }
      await h.store.addDraftAuthors('d1', { '11': ola })
      await h.store.addDraftAuthors('d1', { '11': ana, '22': ana })
      const s = await h.reopen()
      expect(await s.getDraftAuthors('d1')).toEqual({ '11': ola, '22': ana })
      expect(await s.getDraftAuthors('d2')).toEqual({})
    })
  })

  it('reports bytes written as non-negative counts', async () => {
    await h.store.putSettings({ a: 1 })
    const bytes = h.store.bytesWritten()
    for (const n of [bytes.documents, bytes.comments, bytes.workspace]) {
      expect(Number.isFinite(n) && n >= 0).toBe(true)
    }
  })
})
