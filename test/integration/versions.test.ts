import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Comment, Version } from '../../shared/types'
import { commentApi } from '../helpers/commentApi'
import { statementOf } from '../helpers/draftDoc'
import { rawRequest } from '../helpers/rawHttp'
import { spawnServer, tokenInDataDir } from '../helpers/serverProcess'
import { startTestServer, tempDataDir, type TestServer } from '../helpers/testServer'
import { connectClient, draftText, waitFor, waitSynced, type YClient } from '../helpers/yClient'

/**
 * Versions (issue 12): immutable named states with the comments as they stood; exported as the draft
 * is; restored as a forward edit that brings comments back to their words; durable once answered 201.
 */

let server: TestServer
let editorToken: string
let chairToken: string
const clients: YClient[] = []

beforeAll(async () => {
  server = await startTestServer()
  editorToken = await server.token('editor', 'Ana Silva', 'MZ')
  chairToken = await server.token('chair', 'Claire Chair', 'WIPO')
})
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})
afterAll(async () => {
  await server?.stop()
})

const api = (token: string) => (path: string, init: { method?: string; body?: unknown } = {}) =>
  rawRequest(server.url, `/api/documents/${server.demoId}${path}`, { token, ...init })

async function editor(): Promise<YClient> {
  const c = connectClient(server.url, server.demoId, editorToken)
  clients.push(c)
  await waitSynced(c)
  return c
}

describe('versions of a draft', () => {
  it('keeps a named state with its comments; later edits change the live draft, never the version', async () => {
    const delegate = commentApi(server.url, await server.token('commenter', 'Kari Nordmann', 'NO'))
    const c = await delegate.comment(server.demoId, { type: 'editorial', body: 'Say when.', anchor: { quote: 'reviewed at regular intervals' } })
    const made = await api(editorToken)('/versions', { method: 'POST', body: { label: 'Sent for comment', note: 'C.CWS 180' } })
    expect(made.status).toBe(201)
    const version = made.json as Version
    expect(version).toMatchObject({ label: 'Sent for comment', note: 'C.CWS 180', kind: 'manual', createdBy: { name: 'Ana Silva', org: 'MZ' } })
    expect(version.comments).toContainEqual({ id: c.id, status: 'open' })

    const client = await editor()
    const statement = statementOf(client.doc, 2)
    statement.delete(statement.toString().indexOf('reviewed at regular intervals'), 'reviewed at regular intervals'.length)
    statement.insert(0, 'Revised: ')
    await waitFor(() => draftText(server.drafts.peek(server.demoId)!.doc).includes('Revised: '), 'the server has the edit')

    const md = (await api(editorToken)(`/versions/${version.id}/export?format=md`)).text
    expect(md).toContain('reviewed at regular intervals')
    expect(md).not.toContain('Revised: ')
    const live = (await api(editorToken)('/export?format=md')).text
    expect(live).toContain('Revised: ')
    const listed = (await api(editorToken)('/versions')).json as Version[]
    expect(listed.map((v) => v.id)).toContain(version.id)
    expect(((await api(editorToken)(`/versions/${version.id}`)).json as { version: Version }).version).toEqual(version)
  })

  it('restores a version as a forward edit: the old words come back, and comments on them with them', async () => {
    const versions = (await api(editorToken)('/versions')).json as Version[]
    const sent = versions.find((v) => v.label === 'Sent for comment')!
    expect((await api(editorToken)(`/versions/${sent.id}/restore`, { method: 'POST' })).status).toBe(403)
    const client = await editor()
    const restored = await api(chairToken)(`/versions/${sent.id}/restore`, { method: 'POST' })
    expect(restored.status).toBe(200)
    const { reattached } = restored.json as { reattached: string[] }
    await waitFor(() => draftText(client.doc).includes('reviewed at regular intervals') && !draftText(client.doc).includes('Revised: '), 'every window has the restored text')
    const comments = (await api(editorToken)('/comments')).json as Comment[]
    const back = comments.find((c) => c.quote === 'reviewed at regular intervals')!
    expect(reattached).toContain(back.id)
    expect(back.anchorState).toBe('anchored')
    // A forward edit: the history of the draft is the history up to now, plus the restore.
    expect(((await api(editorToken)('/versions')).json as Version[]).length).toBe(versions.length)
  })

  it('refuses an empty label, an unknown version and an unknown draft', async () => {
    expect((await api(editorToken)('/versions', { method: 'POST', body: { label: '  ' } })).status).toBe(400)
    const unknown = await api(editorToken)('/versions/no-such-version/export?format=md')
    expect(unknown.status).toBe(404)
    expect((unknown.json as { code: string }).code).toBe('version.notFound')
    expect((await rawRequest(server.url, '/api/documents/nope/versions', { token: editorToken })).status).toBe(404)
  })
})

describe('a version answered 201', () => {
  it('survives kill -9 right after the answer, and a restart', async () => {
    const dataDir = tempDataDir()
    const token = await tokenInDataDir(dataDir, 'editor', 'Ana Silva', 'MZ')
    const proc = spawnServer(dataDir)
    const url = await proc.ready
    const drafts = (await rawRequest(url, '/api/documents', { token })).json as { id: string }[]
    const id = drafts[0]!.id
    const made = await rawRequest(url, `/api/documents/${id}/versions`, { method: 'POST', token, body: { label: 'Kept through a crash' } })
    expect(made.status).toBe(201)
    proc.child.kill('SIGKILL')
    await proc.exited
    const again = spawnServer(dataDir)
    const url2 = await again.ready
    try {
      const listed = (await rawRequest(url2, `/api/documents/${id}/versions`, { token })).json as Version[]
      expect(listed.map((v) => v.label)).toEqual(['Kept through a crash'])
      const md = await rawRequest(url2, `/api/documents/${id}/versions/${listed[0]!.id}/export?format=md`, { token })
      expect(md.status).toBe(200)
      expect(md.text).toContain('Recommendation 1')
    } finally {
      again.child.kill('SIGTERM')
      await again.exited
    }
  })
})
