import { describe, expect, it } from 'vitest'
import { connectClient, draftText, waitFor, waitSynced } from '../helpers/yClient'
import { tokenInDataDir } from '../helpers/serverProcess'
import { serverProcessesClosedAfterEach } from '../helpers/serverProcesses'
import { textAt } from '../helpers/draftDoc'
import { commentApi } from '../helpers/commentApi'

const run = serverProcessesClosedAfterEach()
const { clients } = run
const start = (dataDir: string) => run.start(dataDir)

describe('the server process', () => {
  it('writes a pending debounced edit on SIGTERM and exits cleanly; a restart has it', async () => {
    const dataDir = run.dataDir()
    const editor = await tokenInDataDir(dataDir, 'editor')

    const second = await start(dataDir)
    const id = (await commentApi(second.url, editor).drafts())[0]!.id
    const a = connectClient(second.url, id, editor)
    clients.push(a)
    await waitSynced(a)
    textAt(a.doc).insert(0, 'Written just before shutdown. ')
    const expected = draftText(a.doc)
    // A second client seeing the edit proves the server applied it; its debounced write (1 s) is
    // still pending when SIGTERM arrives.
    const probe = connectClient(second.url, id, editor)
    clients.push(probe)
    await waitFor(() => draftText(probe.doc) === expected, 'server has the edit')
    const sigtermAt = Date.now()
    second.child.kill('SIGTERM')
    const exit = await second.exited
    expect(exit.code).toBe(0)
    expect(Date.now() - sigtermAt).toBeLessThan(5000)
    for (const c of clients.splice(0)) c.destroy()

    const third = await start(dataDir)
    const b = connectClient(third.url, id, editor)
    clients.push(b)
    await waitSynced(b)
    expect(draftText(b.doc)).toBe(expected)
  }, 60_000)

  it('refuses to start a second server on the same data directory', async () => {
    const dataDir = run.dataDir()
    await start(dataDir)
    const second = run.spawn(dataDir)
    await expect(second.ready).rejects.toThrow(/in use by another Accord server/)
    expect((await second.exited).code).toBe(1)
  }, 60_000)
})
