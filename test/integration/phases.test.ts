import { rmSync } from 'node:fs'
import * as Y from 'yjs'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { CONTENT_FIELD } from '../../shared/protocol'
import type { Comment, DocumentMeta, Version } from '../../shared/types'
import { demoDraftContent } from '../../server/demo/demoDraft'
import { connectAccordClient } from '../helpers/accordClient'
import { manualClock } from '../helpers/manualClock'
import { rawRequest } from '../helpers/rawHttp'
import { collabUrl, craftEdit, syncStep1Frame, tryUpgrade, updateFrame } from '../helpers/rawSocket'
import { startTestServer, tempDataDir, type TestServer } from '../helpers/testServer'
import { connectClient, waitFor, waitSynced } from '../helpers/yClient'

/**
 * Consultation rounds (issue 13), enforced by the server: the text frozen while Member States comment,
 * comments until the deadline by the server's clock (an injected one here), resolution at the deadline,
 * adoption only once every comment is decided, and a second round.
 */

const START = Date.parse('2026-12-01T09:00:00Z')
const DEADLINE = '2026-12-15T17:00:00.000Z'
const clock = manualClock(START)
let server: TestServer
let documentId: string
const tokens = { chair: '', editor: '', delegate: '', observer: '' }
const clients: { destroy(): void }[] = []

beforeAll(async () => {
  server = await startTestServer({ clock })
  documentId = (await server.documents.createWithContent('Recommendations on ICT', demoDraftContent())).id
  tokens.chair = await server.token('chair', 'Claire Chair', 'WIPO')
  tokens.editor = await server.token('editor', 'Ana Silva', 'MZ')
  tokens.delegate = await server.token('commenter', 'Kari Nordmann', 'NO')
  tokens.observer = await server.token('observer', 'Olga Observer', 'LT')
})
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})
afterAll(async () => {
  await server?.stop()
})

type Who = keyof typeof tokens
const call = (who: Who, path: string, init: { method?: string; body?: unknown } = {}) =>
  rawRequest(server.url, `/api/documents/${documentId}${path}`, { token: tokens[who], ...init })
const phase = (who: Who, body: unknown) => call(who, '/phase', { method: 'POST', body })
const comment = (who: Who, body: string) => call(who, '/comments', { method: 'POST', body: { type: 'general', body } })
const meta = async () => (await call('observer', '')).json as DocumentMeta
const codeOf = (res: { json: unknown }) => (res.json as { code?: string }).code

/** An editor's raw socket sends an edit; resolves with whether it changed the server's copy, and whether a witness got it. */
async function rawEditorEdit(marker: string): Promise<{ changedServer: boolean; witnessGotIt: boolean }> {
  const witness = connectClient(server.url, documentId, tokens.observer)
  clients.push(witness)
  await waitSynced(witness)
  const doc = server.drafts.peek(documentId)!.doc
  const before = Y.encodeStateVector(doc)
  const opened = await tryUpgrade(collabUrl(server.url, documentId, tokens.editor))
  if (!opened.opened) throw new Error('upgrade refused')
  clients.push({ destroy: () => opened.ws.close() })
  opened.ws.send(updateFrame(craftEdit(Y.encodeStateAsUpdate(doc), (d) => d.getXmlFragment(CONTENT_FIELD).insert(0, [new Y.XmlText(marker)]))))
  // A message after it that is always answered (sync step 1): the edit has been handled by the time the answer comes.
  await new Promise<void>((resolve) => {
    opened.ws.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === 1) resolve()
    })
    opened.ws.send(syncStep1Frame(Y.encodeStateVector(new Y.Doc())))
  })
  const witnessText = witness.doc.getXmlFragment(CONTENT_FIELD).toString()
  return { changedServer: !Buffer.from(Y.encodeStateVector(doc)).equals(Buffer.from(before)), witnessGotIt: witnessText.includes(marker) }
}

describe('a consultation round, enforced by the server', () => {
  it('drafting: the Task Force edits and comments; delegations read (the chair may let them comment)', async () => {
    expect(await meta()).toMatchObject({ phase: 'drafting', round: 1 })
    expect((await comment('editor', 'A Task Force note.')).status).toBe(201)
    const refused = await comment('delegate', 'Too early.')
    expect([refused.status, codeOf(refused)]).toEqual([403, 'phase.commentsNotOpen'])
  })

  it('only a chair opens a consultation, with a reference and a deadline in the future; a version is kept', async () => {
    expect((await phase('editor', { phase: 'consultation', reference: 'C.CWS 180', deadline: DEADLINE })).status).toBe(403)
    expect(codeOf(await phase('chair', { phase: 'consultation', deadline: DEADLINE }))).toBe('phase.referenceRequired')
    expect(codeOf(await phase('chair', { phase: 'consultation', reference: 'C.CWS 180', deadline: '2026-11-30T00:00:00Z' }))).toBe('phase.deadlinePast')
    expect(codeOf(await phase('chair', { phase: 'adopted' }))).toBe('phase.transition')
    const opened = await phase('chair', { phase: 'consultation', reference: 'C.CWS 180', deadline: DEADLINE })
    expect(opened.status).toBe(200)
    expect(await meta()).toMatchObject({ phase: 'consultation', round: 1, consultation: { reference: 'C.CWS 180', deadline: DEADLINE } })
    const versions = (await call('observer', '/versions')).json as Version[]
    expect(versions.map((v) => [v.label, v.kind])).toEqual([['Sent for comment (C.CWS 180)', 'phase']])
  })

  it('consultation: the text is frozen for everyone (an editor’s update changes nothing and reaches nobody)', async () => {
    const result = await rawEditorEdit('FROZEN-EDIT')
    expect(result).toEqual({ changedServer: false, witnessGotIt: false })
  })

  it('delegations comment until the deadline by the server’s clock: one millisecond before is kept, at the deadline refused', async () => {
    clock.set(Date.parse(DEADLINE) - 1)
    expect((await comment('delegate', 'Just in time.')).status).toBe(201)
    const listener = connectAccordClient(server.url, documentId, tokens.delegate)
    clients.push(listener)
    await waitSynced(listener)
    clock.set(Date.parse(DEADLINE))
    const late = await comment('delegate', 'Too late.')
    expect(late.status).toBe(409)
    expect((late.json as { error: string }).error).toBe('The comment period for C.CWS 180 closed on 15 December 2026 at 17:00 UTC.')
    // At the deadline the draft moves to resolution by itself, and open windows are told at once.
    await vi.waitFor(async () => expect((await meta()).phase).toBe('resolution'))
    await waitFor(() => listener.draftEvents.some((d) => d.phase === 'resolution'), 'the open window hears of it')
    expect((await meta()).phaseHistory?.at(-1)).toMatchObject({ phase: 'resolution', by: null })
  })

  it('resolution: editors edit again; delegations reply but do not comment', async () => {
    expect((await rawEditorEdit('RESOLVING-EDIT')).changedServer).toBe(true)
    expect(codeOf(await comment('delegate', 'Another thought.'))).toBe('phase.commentsClosed')
    const comments = (await call('observer', '/comments')).json as Comment[]
    const mine = comments.find((c) => c.body === 'Just in time.')!
    expect((await call('delegate', `/comments/${mine.id}/replies`, { method: 'POST', body: { body: 'To clarify.' } })).status).toBe(201)
  })

  it('adoption is refused while comments are undecided, listing them; then the text is frozen for good', async () => {
    const refused = await phase('chair', { phase: 'adopted' })
    expect(refused.status).toBe(409)
    const open = ((await call('observer', '/comments')).json as Comment[]).filter((c) => c.status === 'open').map((c) => c.id).sort()
    expect(refused.json).toMatchObject({ code: 'phase.undecided', params: { commentIds: open } })
    for (const id of open) expect((await call('chair', `/comments/${id}/resolve`, { method: 'POST', body: { disposition: 'noted', note: '' } })).status).toBe(200)
    expect((await phase('chair', { phase: 'adopted' })).status).toBe(200)
    const versions = (await call('observer', '/versions')).json as Version[]
    expect(versions.at(-1)).toMatchObject({ label: 'Adopted text', kind: 'phase' })
    expect(await rawEditorEdit('ADOPTED-EDIT')).toEqual({ changedServer: false, witnessGotIt: false })
    expect(codeOf(await comment('chair', 'After adoption.'))).toBe('phase.adopted')
    const decided = open[0]!
    expect(codeOf(await call('chair', `/comments/${decided}/reopen`, { method: 'POST' }))).toBe('phase.adopted')
    expect((await call('observer', '/export?format=md')).text).toContain('Adopted text')
  })

  it('an adopted text can be reopened; the next consultation is round 2, and its comments say so', async () => {
    expect((await phase('chair', { phase: 'drafting' })).status).toBe(200)
    expect((await meta()).phaseHistory?.at(-1)).toMatchObject({ phase: 'drafting', by: { name: 'Claire Chair' } })
    expect((await phase('chair', { phase: 'consultation', reference: 'C.CWS 181', deadline: '2027-01-31T17:00:00Z' })).status).toBe(200)
    expect(await meta()).toMatchObject({ phase: 'consultation', round: 2, consultation: { reference: 'C.CWS 181' } })
    const second = (await comment('delegate', 'A second-round comment.')).json as Comment
    expect(second.round).toBe(2)
    const round2 = (await call('observer', '/comments/export?format=csv&round=2')).text
    expect(round2).toContain('A second-round comment.')
    expect(round2).not.toContain('Just in time.')
    expect((await call('observer', '/comments/export?format=csv&round=1')).text).toContain('Just in time.')
    expect((await call('observer', '/comments/export?format=csv&round=zero')).status).toBe(400)
  })
})

describe('the deadline survives restarts', () => {
  it('a server started after the deadline moves the draft on at once', async () => {
    const dataDir = tempDataDir()
    try {
      const first = await startTestServer({ dataDir, clock: manualClock(START) })
      const id = await first.openDraft('Restarted after its deadline')
      const chair = await first.token('chair')
      const opened = await rawRequest(first.url, `/api/documents/${id}/phase`, { method: 'POST', token: chair, body: { phase: 'consultation', reference: 'C.CWS 182', deadline: DEADLINE } })
      expect(opened.status).toBe(200)
      await first.stop()
      const second = await startTestServer({ dataDir, clock: manualClock(Date.parse(DEADLINE) + 60_000) })
      try {
        await vi.waitFor(async () => expect((await second.documents.get(id)).phase).toBe('resolution'))
      } finally {
        await second.stop()
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
