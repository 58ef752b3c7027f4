import { rmSync, statfsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { type AccordClient, connectAccordClient } from '../../helpers/accordClient'
import { saveFailureLogger } from '../../helpers/saveFailureLogger'
import { textAt } from '../../helpers/draftDoc'
import { startTestServer, type TestServer } from '../../helpers/testServer'
import { type TinyDisk, mountTinyDisk, tinyDiskUnavailable } from '../../helpers/tinyDisk'
import { draftText, readDraftText, waitFor, waitSynced } from '../../helpers/yClient'

/**
 * F7 on a real filesystem: the data directory is a small tmpfs that another file has nearly filled, and an
 * editor types the rest full. There the last write takes only part of its bytes before the disk refuses
 * the rest, the case an injected ENOSPC never shows. "Saved" must never reach the editor for an edit that
 * is not wholly on disk.
 */

const TIMING = { debounceMs: 20, maxWaitMs: 100, retryMs: 50, retryMaxMs: 200 }
/** Each edit is this much text: not a whole number of 4 KiB pages, so the edit that meets the end of the disk is cut. */
const EDIT_CHARS = 5000
/** Room left for the draft's log: less than its compaction threshold (64 KiB), so the appends meet the end of the disk. */
const ROOM = 40 * 1024
const noTinyDisk = tinyDiskUnavailable()

let disk: TinyDisk | null = null
let server: TestServer | null = null
let writer: AccordClient | null = null
afterEach(async () => {
  writer?.destroy()
  await server?.stop()
  disk?.unmount()
  writer = server = disk = null
})

describe.skipIf(noTinyDisk !== null)('F7 on a real full disk', () => {
  it('never confirms an edit that did not fit; saving resumes when space comes back; a restart has every edit', async () => {
    disk = mountTinyDisk(256)
    const logger = saveFailureLogger()
    server = await startTestServer({ dataDir: disk.dir, saveTiming: TIMING, logger })
    const editorToken = await server.token('editor')
    const id = server.demoId
    writer = connectAccordClient(server.url, id, editorToken)
    await waitSynced(writer)
    const { bavail, bsize } = statfsSync(disk.dir)
    const ballast = join(disk.dir, 'other-program.bin')
    writeFileSync(ballast, Buffer.alloc(bavail * bsize - ROOM))

    // Type one edit at a time and wait for its verdict, until one is not saved.
    const confirmed: string[] = []
    let refused: string | null = null
    for (let i = 0; i < 200 && refused === null; i++) {
      const tag = `[edit ${i}]`
      textAt(writer.doc).insert(0, tag.padEnd(EDIT_CHARS, '.'))
      const client = writer
      await waitFor(() => client.isSaved() || !client.lastSaveOk(), `no verdict on ${tag}`)
      if (client.isSaved()) confirmed.push(tag)
      else refused = tag
    }
    expect(refused, 'the disk filled up').not.toBeNull()
    expect(confirmed.length).toBeGreaterThan(0)

    // While the disk stays full the server retries, and never confirms the edit that did not fit.
    const failuresAtFull = logger.saveFailures()
    await waitFor(() => logger.saveFailures() >= failuresAtFull + 3, 'the server retries')
    const savedWhileFull = writer.isSaved()

    // Space comes back: saving resumes by itself, after what was cut off (the log is not damaged).
    rmSync(ballast)
    await writer.waitSaved()
    const finalText = draftText(writer.doc)
    writer.destroy()
    writer = null
    await server.stop()
    server = await startTestServer({ dataDir: disk.dir })
    const restartedText = await readDraftText(server.url, id, editorToken)

    console.log(
      `F7 on a tmpfs with ${ROOM / 1024} KiB free: ${confirmed.length} edits of ${EDIT_CHARS} characters confirmed, then ${refused} not saved; ` +
        `confirmed while the disk was full: ${savedWhileFull} (after ${logger.saveFailures() - failuresAtFull} more failed writes); ` +
        `after space came back and a restart, every edit present: ${restartedText === finalText}`,
    )
    expect(savedWhileFull).toBe(false)
    expect(restartedText).toBe(finalText)
    for (const tag of [...confirmed, refused!]) expect(restartedText).toContain(tag)
  })
})
