import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { DataDirLockedError } from '../../../server/store/errors'
import { lockHolder } from '../../../server/store/files/lockFile'
import { DATA_FILES, LowdbStore } from '../../../server/store/LowdbStore'
import { at, comment, writes, commentFile, meta, lowdbSandboxClosedAfterEach } from '../../helpers/lowdbFixtures'

const { tempDir, openStore, closeStore, openError } = lowdbSandboxClosedAfterEach()

/** The LowdbStore on disk: the data directory, its lock, and writes the disk refuses. */

describe('LowdbStore files', () => {
  it('creates the data directory, with its sub-directories, when it is missing', async () => {
    const dir = join(tempDir(), 'not', 'yet', 'there')
    const store = await openStore(dir)
    await store.putSettings({ seeded: true })
    expect(statSync(join(dir, DATA_FILES.documents)).isDirectory()).toBe(true)
    expect(statSync(join(dir, DATA_FILES.comments)).isDirectory()).toBe(true)
    expect(JSON.parse(readFileSync(join(dir, DATA_FILES.workspace), 'utf8')).settings).toEqual({ seeded: true })
  })

  it('keeps the previous version of workspace.json as workspace.json.bak', async () => {
    const dir = tempDir()
    const store = await openStore(dir)
    await store.putSettings({ round: 1 })
    await store.putSettings({ round: 2 })
    const file = join(dir, DATA_FILES.workspace)
    expect(JSON.parse(readFileSync(file, 'utf8')).settings).toEqual({ round: 2 })
    expect(JSON.parse(readFileSync(`${file}.bak`, 'utf8')).settings).toEqual({ round: 1 })
  })

  describe('the data directory lock', () => {
    it('refuses a second store on the same directory while the first runs', async () => {
      const dir = tempDir()
      const first = await openStore(dir)
      await first.putSettings({ owner: 'first' })
      const err = await openError(dir)
      expect(err).toBeInstanceOf(DataDirLockedError)
      expect((err as DataDirLockedError).pid).toBe(process.pid)
      expect(err.message).toContain(dir)
      // The first store is unaffected and still writes.
      await first.putSettings({ still: 'works' })
      expect(await first.getSettings()).toEqual({ owner: 'first', still: 'works' })
      await closeStore(first)
      const second = await openStore(dir)
      expect(await second.getSettings()).toEqual({ owner: 'first', still: 'works' })
    })

    it('takes over a lock left by a process that no longer runs', async () => {
      const dir = tempDir()
      const dead = spawnSync(process.execPath, ['-e', '']).pid
      expect(dead).toBeGreaterThan(0)
      writeFileSync(join(dir, DATA_FILES.lock), JSON.stringify({ pid: dead, startedAt: at }))
      const store = await openStore(dir)
      expect(JSON.parse(readFileSync(join(dir, DATA_FILES.lock), 'utf8')).pid).toBe(process.pid)
      await store.putSettings({ ok: true })
      await closeStore(store)
      expect(existsSync(join(dir, DATA_FILES.lock))).toBe(false)
    })

    it('takes over a lock naming its own pid that an earlier process left (pid 1 in a container after kill -9)', async () => {
      const dir = tempDir()
      const lock = join(dir, DATA_FILES.lock)
      // What the server that had this pid before the restart wrote, and the same with a start time recorded.
      const leftBehind = [
        { pid: process.pid, startedAt: at },
        { pid: process.pid, timeOrigin: performance.timeOrigin - 1, startedAt: at },
      ]
      for (const left of leftBehind) {
        writeFileSync(lock, JSON.stringify(left))
        expect(await lockHolder(lock), 'the command line does not take it for a running server').toBeNull()
        const store = await openStore(dir)
        expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid, timeOrigin: performance.timeOrigin })
        expect(await lockHolder(lock)).toBe(process.pid)
        await store.putSettings({ ok: true })
        await closeStore(store)
      }
    })

    it('takes over an unreadable lock (a crash while it was written)', async () => {
      const dir = tempDir()
      writeFileSync(join(dir, DATA_FILES.lock), '{"pid":')
      await openStore(dir)
      expect(JSON.parse(readFileSync(join(dir, DATA_FILES.lock), 'utf8')).pid).toBe(process.pid)
    })
  })

  describe('a rejected write leaves the data as before', () => {
    /** Makes the next write of `file` fail: its temp file's name is taken by a directory. */
    const blockWrites = (file: string) => mkdirSync(`${file}.tmp`)
    const unblockWrites = (file: string) => rmSync(`${file}.tmp`, { recursive: true })

    it('for workspace changes', async () => {
      const dir = tempDir()
      const store = await openStore(dir)
      await store.putSettings({ phase: 'drafting' })
      await store.putCredential({ hash: 'h1', kind: 'token', participantId: 'p1', createdAt: at })
      await store.createDocument(meta('d1'), Y.encodeStateAsUpdate(new Y.Doc()))
      const file = join(dir, DATA_FILES.workspace)
      blockWrites(file)
      await expect(store.putSettings({ phase: 'comments' })).rejects.toThrow()
      await expect(store.putCredential({ hash: 'h2', kind: 'token', participantId: 'p1', createdAt: at })).rejects.toThrow()
      await expect(store.deleteCredentialsOf('p1')).rejects.toThrow()
      await expect(store.putParticipant({ id: 'p9', name: 'N', org: 'MZ', role: 'commenter', createdAt: at })).rejects.toThrow()
      await expect(store.putDocumentMeta({ ...meta('d1'), title: 'Renamed' })).rejects.toThrow()
      await expect(store.createDocument(meta('d2'), Y.encodeStateAsUpdate(new Y.Doc()))).rejects.toThrow()

      const expectUnchanged = async (s: LowdbStore) => {
        expect(await s.getSettings()).toEqual({ phase: 'drafting' })
        expect(await s.findCredential('h1')).toBeDefined()
        expect(await s.findCredential('h2')).toBeUndefined()
        expect(await s.listParticipants()).toEqual([])
        expect(await s.listDocuments()).toEqual([meta('d1')])
      }
      await expectUnchanged(store)
      // The next successful write must not carry the rejected changes to disk either.
      unblockWrites(file)
      await store.putSettings({ phase: 'drafting' })
      await closeStore(store)
      await expectUnchanged(await openStore(dir))
    })

    it('for a batch of comments', async () => {
      const dir = tempDir()
      const store = await openStore(dir)
      await store.createDocument(meta('d1'), Y.encodeStateAsUpdate(new Y.Doc()))
      await store.putComments('d1', writes(comment('NG-001')))
      const journal = commentFile(dir, 'd1.0.jsonl')
      const saved = readFileSync(journal)
      rmSync(journal)
      mkdirSync(journal) // appending to a directory fails
      await expect(store.putComments('d1', writes(comment('NG-001', 'edited', 2), comment('NG-002')))).rejects.toThrow()
      expect(await store.getComment('d1', 'NG-002')).toBeUndefined()
      expect((await store.getComment('d1', 'NG-001'))?.body).toBe('Comment NG-001')
      rmSync(journal, { recursive: true })
      writeFileSync(journal, saved)
      await store.putComments('d1', writes(comment('NG-003')))
      await closeStore(store)
      const again = await openStore(dir)
      expect((await again.listComments('d1')).map((c) => [c.id, c.body])).toEqual([
        ['NG-001', 'Comment NG-001'],
        ['NG-003', 'Comment NG-003'],
      ])
    })
  })
})
