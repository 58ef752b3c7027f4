import { open } from 'node:fs/promises'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { type AppendHandle, type OpenForAppend, appendDurably } from '../../../server/store/files/appendDurably'
import { CommentJournal } from '../../../server/store/files/commentJournal'
import { writeFileDurably } from '../../../server/store/files/fsyncWrite'
import { appendRecords, readRecordFile } from '../../../server/store/files/recordFile'
import { comment } from '../../helpers/lowdbFixtures'
import { type TinyDisk, mountTinyDisk, tinyDiskUnavailable } from '../../helpers/tinyDisk'

/**
 * A write may take fewer bytes than asked: on a nearly full disk it writes what fits and the next write
 * fails with ENOSPC. An append is confirmed only once every byte is written, and one that did not fit
 * leaves nothing behind that a later append could turn into damage.
 */

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c()
})

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'accord-short-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return join(dir, 'file')
}

/** Opens the real file, but each write takes at most `chunk` bytes, and writes after the `failAfter`th fail with ENOSPC. */
function shortWrites(chunk: number, failAfter = Infinity): { open: OpenForAppend; writes: () => number } {
  let writes = 0
  return {
    writes: () => writes,
    async open(file) {
      const handle = await open(file, 'a', 0o600)
      const short: AppendHandle = {
        write(data, offset, length) {
          writes++
          if (writes > failAfter) return Promise.reject(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }))
          return handle.write(data, offset, Math.min(length, chunk))
        },
        stat: () => handle.stat(),
        truncate: (n) => handle.truncate(n),
        datasync: () => handle.datasync(),
        close: () => handle.close(),
      }
      return short
    },
  }
}

const bytes = (n: number, fill: number) => Buffer.alloc(n, fill)

describe('appendDurably with writes that take only part of the bytes', () => {
  it('writes the rest until every byte is in the file', async () => {
    const file = tempFile()
    writeFileSync(file, 'before|')
    const disk = shortWrites(3)
    await appendDurably(file, Buffer.from('all of this must arrive'), disk.open)
    expect(readFileSync(file, 'utf8')).toBe('before|all of this must arrive')
    expect(disk.writes()).toBe(8)
  })

  it('rejects when the disk refuses the rest, and cuts the part it took off again', async () => {
    const file = tempFile()
    writeFileSync(file, 'before|')
    await expect(appendDurably(file, bytes(1000, 7), shortWrites(300, 2).open)).rejects.toMatchObject({ code: 'ENOSPC' })
    expect(readFileSync(file, 'utf8')).toBe('before|')
  })

  it('rejects a write that takes nothing instead of trying forever', async () => {
    const file = tempFile()
    await expect(appendDurably(file, bytes(10, 1), shortWrites(0).open)).rejects.toMatchObject({ code: 'EIO' })
    expect(statSync(file).size).toBe(0)
  })
})

const noTinyDisk = tinyDiskUnavailable()

describe.skipIf(noTinyDisk !== null)('appends on a real 256 KiB filesystem', () => {
  let disk: TinyDisk
  const tinyDisk = () => {
    disk = mountTinyDisk(256)
    cleanups.push(() => disk.unmount())
    return disk.dir
  }

  it('a draft update record that does not fit is refused with ENOSPC; the log holds only confirmed records', async () => {
    const log = join(tinyDisk(), 'd1.log')
    const first = bytes(200 * 1024, 1)
    await appendRecords(log, [first])
    const sizeBefore = statSync(log).size
    // About 50 KiB are left: the write takes part of this record, then the disk is full.
    await expect(appendRecords(log, [bytes(100 * 1024, 2)])).rejects.toMatchObject({ code: 'ENOSPC' })
    expect(statSync(log).size).toBe(sizeBefore)
    // A record that fits afterwards follows the confirmed ones directly: the file reads without damage.
    const small = bytes(1024, 3)
    await appendRecords(log, [small])
    const read = await readRecordFile(log)
    expect(read.tornBytes).toBe(0)
    expect(read.records).toHaveLength(2)
    // Compared as buffers: a deep equality over 200 KiB of elements would take seconds.
    expect(Buffer.from(read.records[0]!).equals(first) && Buffer.from(read.records[1]!).equals(small)).toBe(true)
  })

  it('a comment batch that does not fit is refused with ENOSPC; reloading gives exactly the confirmed comments', async () => {
    const base = join(tinyDisk(), 'd1')
    const journal = new CommentJournal(base)
    await journal.load()
    await journal.put([comment('NO-001', 'a'.repeat(150 * 1024))])
    await expect(journal.put([comment('NO-002', 'b'.repeat(150 * 1024))])).rejects.toMatchObject({ code: 'ENOSPC' })
    expect(journal.comments.has('NO-002')).toBe(false)
    await journal.put([comment('NO-003', 'small')])
    await journal.settle()

    const reloaded = new CommentJournal(base)
    await reloaded.load()
    expect([...reloaded.comments.keys()].sort()).toEqual(['NO-001', 'NO-003'])
    expect(reloaded.comments.get('NO-001')?.body).toHaveLength(150 * 1024)
  })

  it('a whole-file rewrite that does not fit is refused, keeps the previous version, and frees its temp file', async () => {
    const file = join(tinyDisk(), 'workspace.json')
    await writeFileDurably(file, 'previous')
    await expect(writeFileDurably(file, 'x'.repeat(300 * 1024))).rejects.toMatchObject({ code: 'ENOSPC' })
    expect(readFileSync(file, 'utf8')).toBe('previous')
    expect(existsSync(`${file}.tmp`)).toBe(false)
  })
})
