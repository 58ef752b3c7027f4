import { rmSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { connectClient, draftText, waitFor, waitSynced, type YClient } from '../helpers/yClient'
import { spawnServer, tokenInDataDir, type ServerProcess } from '../helpers/serverProcess'
import { tempDataDir } from '../helpers/testServer'
import { textAt } from '../helpers/draftDoc'

const procs: ServerProcess[] = []
const clients: YClient[] = []
const dirs: string[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const p of procs.splice(0)) {
    if (p.child.exitCode === null) p.child.kill('SIGKILL')
    await p.exited
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function start(dataDir: string, env: Record<string, string> = {}) {
  const proc = spawnServer(dataDir, env)
  procs.push(proc)
  await proc.ready
  return proc
}

async function demoId(url: string, token: string): Promise<string> {
  const res = await fetch(`${url}/api/documents`, { headers: { authorization: `Bearer ${token}` } })
  const docs = (await res.json()) as { id: string }[]
  return docs[0]!.id
}

describe('the server process', () => {
  it('writes a pending debounced edit on SIGTERM and exits cleanly; a restart has it', async () => {
    const dataDir = tempDataDir()
    dirs.push(dataDir)
    const editor = await tokenInDataDir(dataDir, 'editor')

    const second = await start(dataDir)
    const id = await demoId(second.url, editor)
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
    const dataDir = tempDataDir()
    dirs.push(dataDir)
    await start(dataDir)
    const second = spawnServer(dataDir)
    procs.push(second)
    await expect(second.ready).rejects.toThrow(/in use by another Accord server/)
    expect((await second.exited).code).toBe(1)
  }, 60_000)
})
