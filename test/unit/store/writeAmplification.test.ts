import { existsSync, readFileSync } from 'node:fs'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import type { StoredComment } from '../../../shared/types'
import { lowdbSandboxClosedAfterEach, writes } from '../../helpers/lowdbFixtures'

/**
 * Bytes the LowdbStore writes to disk compared with the data it is asked to keep. A plain lowdb file is
 * rewritten whole on every change (quadratic: ~1,000× for 2,000 comments); the journal + snapshot design
 * must keep the total within a small constant factor.
 */

const { tempDir, openStore } = lowdbSandboxClosedAfterEach()
const freshStore = () => openStore(tempDir())

/**
 * Bytes this process has passed to write(2) so far (Linux `wchar`): an outside check of what the store
 * reports. It is an upper bound: it also counts libuv's 8-byte completion signals (about 32 per append).
 */
function processWriteBytes(): number | null {
  if (!existsSync('/proc/self/io')) return null
  const m = /^wchar:\s*(\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))
  return m ? Number(m[1]) : null
}

const at = '2024-05-01T10:00:00.000Z'
const ORGS = ['AU', 'DE', 'LT', 'MX', 'MZ', 'NG', 'NO', 'EPO'] as const

function realisticComment(i: number): StoredComment {
  const org = ORGS[i % ORGS.length]!
  const author = { id: `participant-${org}`, name: `Delegate of ${org}`, org }
  // Bodies of 80 to ~600 characters, like the rows of a comment-resolution table.
  const body = `The delegation of ${org} suggests clarifying the scope of this action (${i}). `.repeat(1 + (i % 7))
  return {
    id: `${org}-${String(i).padStart(3, '0')}`,
    documentId: 'd1',
    author,
    type: (['general', 'technical', 'editorial'] as const)[i % 3]!,
    body,
    ...(i % 2 === 0 ? { proposedChange: 'Replace "should" by "are encouraged to".' } : {}),
    quote: 'open, machine-readable formats based on international standards',
    scope: 'text',
    anchors: [{ start: 'AQLmp9a3BAQAAA==', end: 'AQLmp9a3BBcA/w==' }],
    place: { kind: 'recommendation', recommendation: 1 + (i % 10), action: [1 + (i % 3)] },
    anchorState: 'anchored',
    status: 'open',
    replies: [],
    history: [{ action: 'created', by: author, at }],
    createdAt: at,
    updatedAt: at,
    rev: 1,
  }
}

describe('write amplification of the LowdbStore', () => {
  it('stores 2,000 comments one by one for less than 10× their size', async () => {
    const store = await freshStore()
    await store.createDocument({ id: 'd1', title: 'Draft', createdAt: at, updatedAt: at }, Y.encodeStateAsUpdate(new Y.Doc()))
    const count = 2000
    let dataBytes = 0
    const before = processWriteBytes()
    for (let i = 0; i < count; i++) {
      const c = realisticComment(i)
      dataBytes += Buffer.byteLength(JSON.stringify(c))
      await store.putComments('d1', writes(c))
    }
    await store.close() // waits for a compaction still running, so its bytes are counted
    const after = processWriteBytes()
    const written = store.bytesWritten().comments
    const measured = before !== null && after !== null ? after - before : null
    const factor = written / dataBytes
    console.log(
      `comments: ${count} stored one by one, ${dataBytes} bytes of JSON; the store reports ${written} bytes written ` +
        `(${factor.toFixed(2)}×), the process wrote ${measured ?? 'n/a'} bytes ` +
        `(${measured === null ? 'n/a' : (measured / dataBytes).toFixed(2)}×); a whole-file rewrite per comment would be ~${Math.round(count / 2)}×`,
    )
    expect(written).toBeGreaterThanOrEqual(dataBytes) // every comment was written at least once
    expect(factor).toBeLessThan(10)
    if (measured !== null) {
      expect(measured).toBeGreaterThanOrEqual(written)
      expect(measured / dataBytes).toBeLessThan(10)
    }

    const reopened = await openStore(store.dataDir)
    expect(await reopened.listComments('d1')).toHaveLength(count)
  }, 60_000)

  it('appends 5,000 small Yjs updates for less than 200 bytes each', async () => {
    const store = await freshStore()
    const doc = new Y.Doc()
    const text = doc.getText('t')
    const pending: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => pending.push(u))
    await store.createDocument({ id: 'd1', title: 'Draft', createdAt: at, updatedAt: at }, Y.encodeStateAsUpdate(doc))
    const count = 5000
    let updateBytes = 0
    const before = processWriteBytes()
    const phrase = 'Offices should exchange data in open formats. '
    for (let i = 0; i < count; i++) {
      text.insert(text.length, phrase[i % phrase.length]!) // one keystroke, one save
      updateBytes += pending.reduce((n, u) => n + u.byteLength, 0)
      await store.appendDocumentUpdates('d1', pending.splice(0), () => Y.encodeStateAsUpdate(doc))
    }
    const after = processWriteBytes()
    const written = store.bytesWritten().documents
    const measured = before !== null && after !== null ? after - before : null
    const perUpdate = written / count
    console.log(
      `documents: ${count} updates of ${(updateBytes / count).toFixed(1)} bytes on average; the store reports ` +
        `${written} bytes written (${perUpdate.toFixed(1)} per update), the process wrote ${measured ?? 'n/a'} bytes ` +
        `(${measured === null ? 'n/a' : (measured / count).toFixed(1)} per update)`,
    )
    expect(written).toBeGreaterThanOrEqual(updateBytes)
    expect(perUpdate).toBeLessThan(200)
    if (measured !== null) {
      expect(measured).toBeGreaterThanOrEqual(written)
      expect(measured / count).toBeLessThan(200)
    }

    await store.close()
    const reopened = await openStore(store.dataDir)
    const loaded = new Y.Doc()
    for (const u of await reopened.loadDocumentState('d1')) Y.applyUpdate(loaded, u)
    expect(loaded.getText('t').toString()).toBe(text.toString())
    // 5,000 fsynced appends one after another: 3–5 s on this machine's disk, so not the 5 s default.
  }, 60_000)
})
