import { appendFileSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { encodeRecords } from '../../../server/store/files/recordFile'
import { DATA_FILES } from '../../../server/store/LowdbStore'
import { Draft, comment, writes, commentFile, docFile, meta, putUntilCompacted, storedText, lowdbSandboxClosedAfterEach } from '../../helpers/lowdbFixtures'

const { tempDir, openStore, closeStore, expectCorrupt } = lowdbSandboxClosedAfterEach()

/** A damaged data file stops start-up naming it and stays as it was; a torn last record is cut off. */

describe('LowdbStore and damaged files', () => {
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
    await store.putComments('d1', writes(comment('AU-001')))
    await store.putComments('d1', writes(comment('AU-002')))
    await store.putComments('d1', writes(comment('AU-003')))
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
    await store.putComments('d1', writes(comment('LT-001')))
    await closeStore(store)
    const file = commentFile(dir, 'd1.0.jsonl')
    const goodSize = statSync(file).size
    appendFileSync(file, JSON.stringify({ comments: [comment('LT-002')] }).slice(0, 50))

    store = await openStore(dir)
    expect((await store.listComments('d1')).map((c) => c.id)).toEqual(['LT-001'])
    expect(statSync(file).size).toBe(goodSize)
    await store.putComments('d1', writes(comment('LT-003')))
    await closeStore(store)
    store = await openStore(dir)
    expect((await store.listComments('d1')).map((c) => c.id).sort()).toEqual(['LT-001', 'LT-003'])
  })
})
