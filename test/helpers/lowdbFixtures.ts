import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { afterEach, expect, vi } from 'vitest'
import type { DocumentMeta, StoredComment } from '../../shared/types'
import { CorruptDataError } from '../../server/store/errors'
import { DATA_FILES, LowdbStore } from '../../server/store/LowdbStore'
import type { CommentWrite } from '../../server/store/Store'

/**
 * Temporary data directories and LowdbStores for the store's file tests, all closed and removed after
 * each test of the file that calls this.
 */
export function lowdbSandboxClosedAfterEach() {
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

  return { tempDir, openStore, closeStore, openError, expectCorrupt }
}

export const at = '2024-05-01T10:00:00.000Z'
export const meta = (id: string): DocumentMeta => ({ id, title: `Draft ${id}`, createdAt: at, updatedAt: at })

export const comment = (id: string, body = `Comment ${id}`, rev = 1): StoredComment => ({
  id,
  documentId: 'd1',
  author: { id: 'p1', name: 'Kari Nordmann', org: 'NO' },
  type: 'technical',
  body,
  quote: 'machine-readable formats',
  scope: 'text',
  anchors: [],
  place: { kind: 'recommendation', recommendation: 4, action: [] },
  anchorState: 'anchored',
  status: 'open',
  replies: [],
  history: [],
  createdAt: at,
  updatedAt: at,
  rev,
})

/** The writes that store `comments` as their writer would: a first revision is new, a later one replaces the one before. */
export const writes = (...comments: StoredComment[]): CommentWrite[] =>
  comments.map((comment) => ({ comment, expectedRev: comment.rev === 1 ? null : comment.rev - 1 }))

/** A draft text we can edit and compare, with the updates not yet stored. */
export class Draft {
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

export async function storedText(store: LowdbStore, id = 'd1'): Promise<string> {
  const doc = new Y.Doc()
  for (const u of await store.loadDocumentState(id)) Y.applyUpdate(doc, u)
  return doc.getText('t').toString()
}

export const docFile = (dir: string, id: string, ext: string) => join(dir, DATA_FILES.documents, `${id}.${ext}`)
export const commentFile = (dir: string, name: string) => join(dir, DATA_FILES.comments, name)

/** Types enough to pass the documents' compaction threshold (64 KiB of log) `times` times. */
export async function typeUntilCompacted(store: LowdbStore, draft: Draft, dir: string, times = 1): Promise<void> {
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

/** Stores `batches` batches of ten ~1.2 kB comments; returns their ids. */
export async function putBatches(store: LowdbStore, batches: number, prefix = 'c'): Promise<string[]> {
  const ids: string[] = []
  for (let b = 0; b < batches; b++) {
    const batch = Array.from({ length: 10 }, (_, i) => comment(`${prefix}-${b}-${i}`, `Body ${b}/${i} `.padEnd(1200, 'x')))
    ids.push(...batch.map((c) => c.id))
    await store.putComments('d1', writes(...batch))
  }
  return ids
}

/**
 * Stores comments until the journal of d1 has been folded into its snapshot `times` times, and waits for
 * each compaction to finish before writing more (so no comment lands in the next journal generation).
 */
export async function putUntilCompacted(store: LowdbStore, dir: string, times: number): Promise<string[]> {
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
