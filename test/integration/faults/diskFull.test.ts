import { describe, expect, it } from 'vitest'
import { type AccordClient, connectAccordClient } from '../../helpers/accordClient'
import { saveFailureLogger } from '../../helpers/saveFailureLogger'
import { commentApi } from '../../helpers/commentApi'
import { textAt } from '../../helpers/draftDoc'
import { FaultyStore } from '../../helpers/faultyStore'
import { startTestServer } from '../../helpers/testServer'
import { testServersClosedAfterEach } from '../../helpers/testServers'
import { connectClient, draftText, waitFor, waitSynced, readDraftText } from '../../helpers/yClient'

/**
 * F7: the store fails as on a full disk (draft and comment writes reject with ENOSPC). The server keeps
 * running, the draft stays in memory (even with nobody connected), Accord clients are told "not saved",
 * and saving resumes by itself once the disk has room again; a restart then has everything.
 */

const TIMING = { debounceMs: 50, maxWaitMs: 200, retryMs: 100, retryMaxMs: 400 }
const { servers, clients, dataDir: freshDataDir } = testServersClosedAfterEach()

describe('F7: a full disk', () => {
  it('keeps the server and the draft alive, reports "not saved", and saves by itself once space is back', async () => {
    const dataDir = freshDataDir()
    const store = new FaultyStore(dataDir)
    const logger = saveFailureLogger()
    const server = await startTestServer({ dataDir, store, logger, saveTiming: TIMING })
    servers.push(server)
    const editorToken = await server.token('editor')
    const delegate = commentApi(server.url, await server.token('commenter', 'Kari Nordmann', 'NO'))
    const id = server.demoId

    const writer: AccordClient = connectAccordClient(server.url, id, editorToken)
    const reader = connectClient(server.url, id, editorToken)
    clients.push(writer, reader)
    await Promise.all([waitSynced(writer), waitSynced(reader)])
    textAt(writer.doc).insert(0, '[before] ')
    await writer.waitSaved()

    // The disk fills up.
    store.diskFull = true
    const faultAt = performance.now()
    for (let i = 0; i < 20; i++) textAt(writer.doc).insert(0, `[full${i}] `)
    await waitFor(() => writer.saveState() === 'failed', 'the writer is told its edits are not saved')
    const failedAfter = performance.now() - faultAt

    // The server keeps serving: live edits still reach others, a late joiner gets them from memory.
    const expected = draftText(writer.doc)
    await waitFor(() => draftText(reader.doc) === expected, 'the reader receives the unsaved edits')
    const health = await fetch(`${server.url}/api/health`)
    const refused = await delegate.post(`/documents/${id}/comments`, { type: 'general', body: 'Written while the disk is full.' })
    const refusedBody = (await refused.json()) as { error?: string }

    // Everyone leaves: the unsaved draft must stay loaded, not be dropped.
    writer.destroy()
    reader.destroy()
    clients.length = 0
    await waitFor(() => store.counts.failedWrites >= 4, 'the server keeps retrying')
    const roomKept = server.drafts.peek(id) !== undefined
    const lateJoiner = connectAccordClient(server.url, id, editorToken)
    clients.push(lateJoiner)
    await waitSynced(lateJoiner)
    const lateJoinerText = draftText(lateJoiner.doc)
    textAt(lateJoiner.doc).insert(0, '[late] ')
    await waitFor(() => lateJoiner.saveState() === 'failed', 'the late joiner is told too')

    // Space is back: saving resumes without anyone doing anything.
    const failedWrites = store.counts.failedWrites
    store.diskFull = false
    const clearedAt = performance.now()
    await lateJoiner.waitSaved()
    const resumedAfter = performance.now() - clearedAt
    const accepted = await delegate.post(`/documents/${id}/comments`, { type: 'general', body: 'Written once there is room.' })
    const finalText = draftText(lateJoiner.doc)

    console.log(
      `F7 disk full: "not saved" reached the writer ${Math.round(failedAfter)} ms after the fault; server healthy: ${health.status}; ` +
        `comment POST during the fault: ${refused.status} ${JSON.stringify(refusedBody)}; draft kept in memory with nobody connected: ` +
        `${roomKept}; failed writes (retried): ${failedWrites}, "save failed" log lines: ${logger.saveFailures()}; saving resumed ` +
        `${Math.round(resumedAfter)} ms after space came back; comment POST after: ${accepted.status}`,
    )
    expect(health.status).toBe(200)
    expect(refused.status).toBe(503)
    expect(refusedBody.error).toMatch(/cannot save right now.*nothing was changed/)
    expect(roomKept).toBe(true)
    expect(lateJoinerText).toBe(expected)
    expect(accepted.status).toBe(201)
    expect(lateJoiner.lastSaveOk()).toBe(true)

    // Everything is on disk: a fresh server on the same directory has it, and only the accepted comment.
    lateJoiner.destroy()
    clients.length = 0
    await servers.pop()!.stop()
    const restarted = await startTestServer({ dataDir })
    servers.push(restarted)
    expect(await readDraftText(restarted.url, id, editorToken)).toBe(finalText)
    for (let i = 0; i < 20; i++) expect(finalText).toContain(`[full${i}]`)
    expect(finalText).toContain('[late]')
    expect((await commentApi(restarted.url, editorToken).comments(id)).map((c) => c.body)).toEqual(['Written once there is room.'])
  })
})
