import { spawnSync } from 'node:child_process'
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Comment, DocumentMeta } from '../../../shared/types'
import { CorruptDataError, DataDirLockedError } from '../../../server/store/errors'
import { encodeRecords } from '../../../server/store/files/recordFile'
import { DATA_FILES, LowdbStore } from '../../../server/store/LowdbStore'
import { restoreBackups } from '../../../server/store/restore'

const dirs: string[] = []
const stores: LowdbStore[] = []

afterEach(async () => {
  for (const s of stores.splice(0)) await s.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'accord-lowdb-'))
  dirs.push(dir)
  return dir
}

async function openStore(dir: string): Promise<LowdbStore> {
  const store = new LowdbStore(dir)
  await store.open()
  stores.push(store)
  return store
}

async function closeStore(store: LowdbStore): Promise<void> {
  await store.close()
  stores.splice(stores.indexOf(store), 1)
}

/** The error `open()` rejects with (fails the test if it opens). */
async function openError(dir: string): Promise<Error> {
  const store = new LowdbStore(dir)
  try {
    await store.open()
  } catch (err) {
    return err as Error
  }
  stores.push(store)
  throw new Error(`the store in ${dir} opened`)
}

async function expectCorrupt(dir: string, file: string): Promise<void> {
  const before = readFileSync(file)
  const err = await openError(dir)
  expect(err).toBeInstanceOf(CorruptDataError)
  expect((err as CorruptDataError).file).toBe(file)
  expect(err.message).toContain(file)
  // The damaged file is kept exactly as it was, and the failed start left the lock behind for nobody.
  expect(readFileSync(file).equals(before)).toBe(true)
  expect(existsSync(join(dir, DATA_FILES.lock))).toBe(false)
}

const at = '2024-05-01T10:00:00.000Z'
const meta = (id: string): DocumentMeta => ({ id, title: `Draft ${id}`, createdAt: at, updatedAt: at })

const comment = (id: string, body = `Comment ${id}`, rev = 1): Comment => ({
  id,
  documentId: 'd1',
  author: { id: 'p1', name: 'Kari Nordmann', org: 'NO' },
  type: 'technical',
  body,
  quote: 'machine-readable formats',
  scope: 'text',
  anchors: [],
  locator: 'Recommendation 4',
  anchorState: 'anchored',
  status: 'open',
  replies: [],
  history: [],
  createdAt: at,
  updatedAt: at,
  rev,
})

/** A draft text we can edit and compare, with the updates not yet stored. */
class Draft {
  readonly doc = new Y.Doc()
  readonly text = this.doc.getText('t')
  readonly pending: Uint8Array[] = []
  constructor() {
    this.doc.on('update', (u: Uint8Array) => this.pending.push(u))
  }
  async create(store: LowdbStore, id = 'd1'): Promise<void> {
    await store.createDocument(meta(id), Y.encodeStateAsUpdate(this.doc))
    this.pending.length = 0
  }
  async type(store: LowdbStore, s: string, id = 'd1'): Promise<void> {
    this.text.insert(this.text.length, s)
    await store.appendDocumentUpdates(id, this.pending.splice(0), () => Y.encodeStateAsUpdate(this.doc))
  }
}

async function storedText(store: LowdbStore, id = 'd1'): Promise<string> {
  const doc = new Y.Doc()
  for (const u of await store.loadDocumentState(id)) Y.applyUpdate(doc, u)
  return doc.getText('t').toString()
}

const docFile = (dir: string, id: string, ext: string) => join(dir, DATA_FILES.documents, `${id}.${ext}`)
const commentFile = (dir: string, name: string) => join(dir, DATA_FILES.comments, name)

/** Types enough to pass the documents' compaction threshold (64 KiB of log) `times` times. */
async function typeUntilCompacted(store: LowdbStore, draft: Draft, dir: string, times = 1): Promise<void> {
  let compactions = 0
  let lastSize = 0
  for (let i = 0; compactions < times; i++) {
    if (i > 5000) throw new Error('no compaction happened')
    await draft.type(store, `Sentence ${i} of a long consultation draft. `.padEnd(200, '~'))
    const size = existsSync(docFile(dir, 'd1', 'log')) ? statSync(docFile(dir, 'd1', 'log')).size : 0
    if (size < lastSize) compactions++
    lastSize = size
  }
}

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

  describe('refuses to start on a damaged workspace.json and leaves it as it is', () => {
    const cases: [string, (file: string) => void][] = [
      ['invalid JSON', (f) => writeFileSync(f, readFileSync(f, 'utf8').replace('"participants"', 'participants'))],
      ['truncated', (f) => truncateSync(f, Math.floor(statSync(f).size / 2))],
      ['empty', (f) => writeFileSync(f, '')],
      ['only whitespace', (f) => writeFileSync(f, '  \n')],
      ['valid JSON of the wrong shape', (f) => writeFileSync(f, '[]')],
    ]
    it.each(cases)('%s', async (_name, damage) => {
      const dir = tempDir()
      const store = await openStore(dir)
      await store.putSettings({ seeded: true })
      await closeStore(store)
      const file = join(dir, DATA_FILES.workspace)
      damage(file)
      await expectCorrupt(dir, file)
    })
  })

  describe('refuses to start on a damaged document snapshot', () => {
    const cases: [string, (file: string) => void][] = [
      ['a flipped byte', (f) => {
        const b = readFileSync(f)
        b.writeUInt8(b.readUInt8(b.length - 3) ^ 0xff, b.length - 3)
        writeFileSync(f, b)
      }],
      ['truncated', (f) => truncateSync(f, Math.floor(statSync(f).size / 2))],
      ['empty', (f) => writeFileSync(f, '')],
      ['two records', (f) => appendFileSync(f, encodeRecords([new Uint8Array([0, 0])]))],
    ]
    it.each(cases)('%s', async (_name, damage) => {
      const dir = tempDir()
      const store = await openStore(dir)
      const draft = new Draft()
      draft.text.insert(0, 'Offices should adopt a written ICT strategy.')
      await draft.create(store)
      await closeStore(store)
      const file = docFile(dir, 'd1', 'snapshot')
      damage(file)
      await expectCorrupt(dir, file)
    })
  })

  it('refuses to start on a document log with a damaged record in the middle', async () => {
    const dir = tempDir()
    const store = await openStore(dir)
    const draft = new Draft()
    await draft.create(store)
    await draft.type(store, 'first edit; ')
    const middle = statSync(docFile(dir, 'd1', 'log')).size
    await draft.type(store, 'second edit; ')
    await draft.type(store, 'third edit.')
    await closeStore(store)
    const file = docFile(dir, 'd1', 'log')
    const bytes = readFileSync(file)
    bytes.writeUInt8(bytes.readUInt8(middle + 10) ^ 0x55, middle + 10)
    writeFileSync(file, bytes)
    await expectCorrupt(dir, file)
  })

  it('tolerates a torn final record in a document log and cuts it off', async () => {
    const dir = tempDir()
    let store = await openStore(dir)
    const draft = new Draft()
    await draft.create(store)
    await draft.type(store, 'Confirmed edit.')
    await closeStore(store)
    const file = docFile(dir, 'd1', 'log')
    const goodSize = statSync(file).size
    // The first 11 bytes of a further record: the power went out during the append.
    const torn = encodeRecords([new Uint8Array(40).fill(7)]).subarray(0, 11)
    appendFileSync(file, torn)

    store = await openStore(dir)
    expect(await storedText(store)).toBe('Confirmed edit.')
    expect(statSync(file).size).toBe(goodSize)
    // Appends continue on a clean boundary.
    await draft.type(store, ' And one more.')
    await closeStore(store)
    store = await openStore(dir)
    expect(await storedText(store)).toBe('Confirmed edit. And one more.')
  })

  it('refuses to start on a comment journal with a damaged line in the middle', async () => {
    const dir = tempDir()
    const store = await openStore(dir)
    await store.createDocument(meta('d1'), Y.encodeStateAsUpdate(new Y.Doc()))
    await store.putComments('d1', [comment('AU-001')])
    await store.putComments('d1', [comment('AU-002')])
    await store.putComments('d1', [comment('AU-003')])
    await closeStore(store)
    const file = commentFile(dir, 'd1.0.jsonl')
    const lines = readFileSync(file, 'utf8').split('\n')
    expect(lines).toHaveLength(4)
    lines[1] = lines[1]!.replace('"comments"', '"comments') // same length, no longer JSON
    writeFileSync(file, lines.join('\n'))
    await expectCorrupt(dir, file)
  })

  it('refuses to start on a damaged comments snapshot', async () => {
    const dir = tempDir()
    const store = await openStore(dir)
    await store.createDocument(meta('d1'), Y.encodeStateAsUpdate(new Y.Doc()))
    await putUntilCompacted(store, dir, 1)
    await closeStore(store)
    const file = commentFile(dir, 'd1.json')
    truncateSync(file, 100)
    await expectCorrupt(dir, file)
  })

  it('tolerates an unterminated final line in a comment journal and cuts it off', async () => {
    const dir = tempDir()
    let store = await openStore(dir)
    await store.createDocument(meta('d1'), Y.encodeStateAsUpdate(new Y.Doc()))
    await store.putComments('d1', [comment('LT-001')])
    await closeStore(store)
    const file = commentFile(dir, 'd1.0.jsonl')
    const goodSize = statSync(file).size
    appendFileSync(file, JSON.stringify({ comments: [comment('LT-002')] }).slice(0, 50))

    store = await openStore(dir)
    expect((await store.listComments('d1')).map((c) => c.id)).toEqual(['LT-001'])
    expect(statSync(file).size).toBe(goodSize)
    await store.putComments('d1', [comment('LT-003')])
    await closeStore(store)
    store = await openStore(dir)
    expect((await store.listComments('d1')).map((c) => c.id).sort()).toEqual(['LT-001', 'LT-003'])
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
      await expect(store.deleteCredentials(() => true)).rejects.toThrow()
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
      await store.putComments('d1', [comment('NG-001')])
      const journal = commentFile(dir, 'd1.0.jsonl')
      const saved = readFileSync(journal)
      rmSync(journal)
      mkdirSync(journal) // appending to a directory fails
      await expect(store.putComments('d1', [comment('NG-001', 'edited', 2), comment('NG-002')])).rejects.toThrow()
      expect(await store.getComment('d1', 'NG-002')).toBeUndefined()
      expect((await store.getComment('d1', 'NG-001'))?.body).toBe('Comment NG-001')
      rmSync(journal, { recursive: true })
      writeFileSync(journal, saved)
      await store.putComments('d1', [comment('NG-003')])
      await closeStore(store)
      const again = await openStore(dir)
      expect((await again.listComments('d1')).map((c) => [c.id, c.body])).toEqual([
        ['NG-001', 'Comment NG-001'],
        ['NG-003', 'Comment NG-003'],
      ])
    })
  })

  describe('comment compaction', () => {
    it('keeps comments written after a compaction across two restarts', async () => {
      const dir = tempDir()
      let store = await openStore(dir)
      await store.createDocument(meta('d1'), Y.encodeStateAsUpdate(new Y.Doc()))
      const ids = await putUntilCompacted(store, dir, 1)
      await closeStore(store)
      store = await openStore(dir)
      expect(await store.listComments('d1')).toHaveLength(ids.length)
      await store.putComments('d1', [comment('NO-999', 'written after the restart')])
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
      await store.putComments('d1', [comment('EPO-001')])
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

/** Stores `batches` batches of ten ~1.2 kB comments; returns their ids. */
async function putBatches(store: LowdbStore, batches: number, prefix = 'c'): Promise<string[]> {
  const ids: string[] = []
  for (let b = 0; b < batches; b++) {
    const batch = Array.from({ length: 10 }, (_, i) => comment(`${prefix}-${b}-${i}`, `Body ${b}/${i} `.padEnd(1200, 'x')))
    ids.push(...batch.map((c) => c.id))
    await store.putComments('d1', batch)
  }
  return ids
}

/**
 * Stores comments until the journal of d1 has been folded into its snapshot `times` times, and waits for
 * each compaction to finish before writing more (so no comment lands in the next journal generation).
 */
async function putUntilCompacted(store: LowdbStore, dir: string, times: number): Promise<string[]> {
  const ids: string[] = []
  const size = (f: string) => (existsSync(f) ? statSync(f).size : 0)
  for (let generation = 0, round = 0; generation < times; round++) {
    if (round > 500) throw new Error('no compaction happened')
    ids.push(...(await putBatches(store, 1, `g${generation}r${round}`)))
    const journal = commentFile(dir, `d1.${generation}.jsonl`)
    if (size(journal) > Math.max(256 * 1024, size(commentFile(dir, 'd1.json')))) {
      // A compaction started: it ends by retiring this journal.
      await vi.waitFor(() => expect(existsSync(journal)).toBe(false))
      generation++
    }
  }
  return ids
}
