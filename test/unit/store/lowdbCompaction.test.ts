import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { DATA_FILES } from '../../../server/store/LowdbStore'
import { restoreBackups } from '../../../server/store/restore'
import { Draft, at, comment, writes, commentFile, docFile, meta, putBatches, putUntilCompacted, storedText, typeUntilCompacted, lowdbSandboxClosedAfterEach } from '../../helpers/lowdbFixtures'

const { tempDir, openStore, closeStore, expectCorrupt } = lowdbSandboxClosedAfterEach()

/** Journals folded into snapshots, and restoring the last good version from the backups. */

describe('LowdbStore compaction and backups', () => {
  describe('comment compaction', () => {
    it('keeps comments written after a compaction across two restarts', async () => {
      const dir = tempDir()
      let store = await openStore(dir)
      await store.createDocument(meta('d1'), Y.encodeStateAsUpdate(new Y.Doc()))
      const ids = await putUntilCompacted(store, dir, 1)
      await closeStore(store)
      store = await openStore(dir)
      expect(await store.listComments('d1')).toHaveLength(ids.length)
      await store.putComments('d1', writes(comment('NO-999', 'written after the restart')))
      await closeStore(store)
      store = await openStore(dir)
      expect((await store.getComment('d1', 'NO-999'))?.body).toBe('written after the restart')
      expect(await store.listComments('d1')).toHaveLength(ids.length + 1)
    })

    it('survives a compaction whose snapshot write fails: nothing is lost and nothing crashes', async () => {
      const dir = tempDir()
      let store = await openStore(dir)
      await store.createDocument(meta('d1'), Y.encodeStateAsUpdate(new Y.Doc()))
      mkdirSync(commentFile(dir, 'd1.json.tmp')) // the snapshot cannot be written
      const ids = await putBatches(store, 60)
      await closeStore(store)
      expect(existsSync(commentFile(dir, 'd1.json'))).toBe(false)
      rmSync(commentFile(dir, 'd1.json.tmp'), { recursive: true })
      store = await openStore(dir)
      expect((await store.listComments('d1')).map((c) => c.id).sort()).toEqual([...ids].sort())
    })
  })

  describe('restoreBackups', () => {
    it('changes nothing in a healthy data directory', async () => {
      const dir = tempDir()
      const store = await openStore(dir)
      const draft = new Draft()
      await draft.create(store)
      await draft.type(store, 'Healthy.')
      await store.putComments('d1', writes(comment('EPO-001')))
      await store.putSettings({ x: 1 })
      await closeStore(store)
      const listing = () => readdirSync(dir, { recursive: true }).map(String).sort()
      const before = listing()
      expect(await restoreBackups(dir)).toEqual([])
      expect(listing()).toEqual(before)
    })

    it('brings back a damaged workspace.json from its .bak and keeps the damaged file aside', async () => {
      const dir = tempDir()
      let store = await openStore(dir)
      await store.putParticipant({ id: 'p1', name: 'Chair', org: 'WIPO', role: 'chair', createdAt: at })
      await store.createDocument(meta('d1'), Y.encodeStateAsUpdate(new Y.Doc()))
      await store.putSettings({ seeded: true })
      // The last write (the backup holds everything before it).
      await store.putSettings({ lastWrite: true })
      await closeStore(store)
      const file = join(dir, DATA_FILES.workspace)
      writeFileSync(file, '{"version":1,"partici')
      await expectCorrupt(dir, file)

      expect(await restoreBackups(dir)).toEqual([file])
      const aside = readdirSync(dir).filter((n) => n.startsWith(`${DATA_FILES.workspace}.damaged-`))
      expect(aside).toHaveLength(1)
      expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe('{"version":1,"partici')

      store = await openStore(dir)
      expect((await store.listParticipants()).map((p) => p.id)).toEqual(['p1'])
      expect(await store.listDocuments()).toEqual([meta('d1')])
      expect(await store.getSettings()).toEqual({ seeded: true })
    })

    it('brings back a damaged document snapshot with every edit', async () => {
      const dir = tempDir()
      let store = await openStore(dir)
      const draft = new Draft()
      draft.text.insert(0, 'Initial content. ')
      await draft.create(store)
      await typeUntilCompacted(store, draft, dir)
      await draft.type(store, 'After the compaction.')
      const expected = draft.text.toString()
      await closeStore(store)
      expect(existsSync(docFile(dir, 'd1', 'snapshot.bak'))).toBe(true)
      expect(existsSync(docFile(dir, 'd1', 'log.bak'))).toBe(true)
      const file = docFile(dir, 'd1', 'snapshot')
      truncateSync(file, statSync(file).size - 1)
      await expectCorrupt(dir, file)

      expect(await restoreBackups(dir)).toEqual([file])
      store = await openStore(dir)
      expect(await storedText(store)).toBe(expected)
    })

    it('refuses, changing nothing, to "restore" a damaged snapshot that has no backup', async () => {
      const dir = tempDir()
      const store = await openStore(dir)
      const draft = new Draft()
      draft.text.insert(0, 'The whole initial draft lives only in the first snapshot. ')
      await draft.create(store)
      await draft.type(store, 'One edit in the log.')
      await closeStore(store)
      const file = docFile(dir, 'd1', 'snapshot')
      truncateSync(file, 20)
      const listing = () => readdirSync(dir, { recursive: true }).map(String).sort()
      const before = listing()
      await expect(restoreBackups(dir)).rejects.toThrow(file)
      expect(listing()).toEqual(before)
      expect(statSync(file).size).toBe(20)
    })

    it('brings back a damaged comments snapshot after two compactions', async () => {
      const dir = tempDir()
      let store = await openStore(dir)
      await store.createDocument(meta('d1'), Y.encodeStateAsUpdate(new Y.Doc()))
      const ids = await putUntilCompacted(store, dir, 2)
      ids.push(...(await putBatches(store, 1, 'after')))
      await closeStore(store)
      const file = commentFile(dir, 'd1.json')
      expect(existsSync(`${file}.bak`)).toBe(true)
      writeFileSync(file, '{"generation":')
      await expectCorrupt(dir, file)

      expect(await restoreBackups(dir)).toEqual([file])
      store = await openStore(dir)
      expect((await store.listComments('d1')).map((c) => c.id).sort()).toEqual([...ids].sort())
    })

    it('brings back a damaged comments snapshot after the first compaction', async () => {
      const dir = tempDir()
      let store = await openStore(dir)
      await store.createDocument(meta('d1'), Y.encodeStateAsUpdate(new Y.Doc()))
      const ids = await putUntilCompacted(store, dir, 1)
      ids.push(...(await putBatches(store, 1, 'after')))
      await closeStore(store)
      const file = commentFile(dir, 'd1.json')
      writeFileSync(file, '')
      await expectCorrupt(dir, file)

      expect(await restoreBackups(dir)).toEqual([file])
      store = await openStore(dir)
      expect((await store.listComments('d1')).map((c) => c.id).sort()).toEqual([...ids].sort())
    })
  })
})
