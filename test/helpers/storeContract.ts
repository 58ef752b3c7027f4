import * as Y from 'yjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StoredVersion } from '../../server/store/Store'
import { describeCommentContract } from './commentContract'
import { describeNotificationContract } from './notificationContract'
import type { Harness, StoreImplementation } from './storeHarness'
import { at, credential, meta, participant, rebuild, recordingDoc } from './storeFixtures'

/** Registers the contract's tests for each implementation (one `describe` per store). */
export function describeStoreContract(implementations: readonly StoreImplementation[]): void {
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
        expect((await s.listCredentials()).map((c) => c.hash).sort()).toEqual(['h1', 'h2', 'h3'])
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

      it('marks a credential used once: of concurrent redemptions exactly one wins, and it survives a restart', async () => {
        await h.store.putCredential(credential('link1', 'p1', { kind: 'link' }))
        const results = await Promise.all(Array.from({ length: 8 }, (_, i) => h.store.markCredentialUsed('link1', `2024-05-0${i + 1}T10:00:00.000Z`)))
        expect(results.filter(Boolean)).toHaveLength(1)
        const s = await h.reopen()
        const used = (await s.findCredential('link1'))!
        expect(used.usedAt).toBe(`2024-05-0${results.indexOf(true) + 1}T10:00:00.000Z`)
        expect(await s.markCredentialUsed('link1', at)).toBe(false)
        expect(await s.markCredentialUsed('never-stored', at)).toBe(false)
        expect(await s.findCredential('never-stored')).toBeUndefined()
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

    describeCommentContract(() => h)

    describeNotificationContract(() => h)

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
}
