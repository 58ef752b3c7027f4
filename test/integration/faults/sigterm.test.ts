import { describe, expect, it } from 'vitest'
import { commentApi } from '../../helpers/commentApi'
import { textAt } from '../../helpers/draftDoc'
import { stockClientBarrier } from '../../helpers/rawSocket'
import { tokenInDataDir } from '../../helpers/serverProcess'
import { serverProcessesClosedAfterEach } from '../../helpers/serverProcesses'
import { connectClient, draftText, waitSynced, readDraftText } from '../../helpers/yClient'

/**
 * F3: SIGTERM arrives while writes are pending and every client has already gone: the process writes
 * everything, exits 0 within 5 s, and a restart has every edit and comment. (shutdown.test.ts covers
 * SIGTERM with a client still connected.)
 */

const run = serverProcessesClosedAfterEach()

describe('F3: SIGTERM with pending writes and no clients left', () => {
  it('loses nothing and exits within 5 s', async () => {
    const dataDir = run.dataDir()
    const editor = await tokenInDataDir(dataDir, 'editor')
    const delegate = await tokenInDataDir(dataDir, 'commenter', 'Kari Nordmann', 'NO')
    const proc = await run.start(dataDir)
    const rest = commentApi(proc.url, editor)
    const ids = [(await rest.drafts())[0]!.id]
    for (let i = 1; i < 5; i++) ids.push(await rest.createDraft(`Draft ${i}`))

    const expected = new Map<string, string>()
    let lastEditAt = 0
    for (const id of ids) {
      const c = connectClient(proc.url, id, editor)
      run.clients.push(c)
      await waitSynced(c)
      // 200 edits in 20 messages (a fast typist's batches; 200 separate messages would trip the flood limit).
      for (let k = 0; k < 200; k += 10) {
        c.doc.transact(() => {
          for (let j = k; j < k + 10; j++) textAt(c.doc).insert(0, `[${id.slice(0, 4)}-${j}]`)
        })
      }
      lastEditAt = performance.now()
      // The server has handled every edit once it answers this sync step 1 on the same socket.
      await stockClientBarrier(c.provider, c.doc)
      expected.set(id, draftText(c.doc))
    }
    const comment = await commentApi(proc.url, delegate).comment(ids[0]!, { type: 'general', body: 'Posted just before SIGTERM.' })
    for (const c of run.clients.splice(0)) c.destroy()

    const sigtermAt = performance.now()
    proc.child.kill('SIGTERM')
    const exit = await proc.exited
    const exitMs = performance.now() - sigtermAt

    const restarted = await run.start(dataDir)
    const found = new Map<string, string>()
    for (const id of ids) found.set(id, await readDraftText(restarted.url, id, editor))
    const comments = await commentApi(restarted.url, delegate).comments(ids[0]!)
    const lost = ids.filter((id) => found.get(id) !== expected.get(id))
    console.log(
      `F3 SIGTERM ${Math.round(sigtermAt - lastEditAt)} ms after the last edit (debounce 1,000 ms), ${ids.length} drafts × 200 edits, ` +
        `no clients connected: exit code ${exit.code} after ${Math.round(exitMs)} ms; drafts with lost edits after restart: ${lost.length}; ` +
        `comment ${comment.id} present: ${comments.some((c) => c.id === comment.id)}`,
    )
    expect(sigtermAt - lastEditAt).toBeLessThan(1000)
    expect(exit.code).toBe(0)
    expect(exitMs).toBeLessThan(5000)
    expect(lost).toEqual([])
    expect(comments.map((c) => c.id)).toEqual([comment.id])
  })
})
