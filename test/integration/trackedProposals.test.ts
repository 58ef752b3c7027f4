import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Comment } from '../../shared/types'
import { statementOf } from '../helpers/draftDoc'
import { docxPart, packageParts } from '../helpers/officeFiles'
import { rawRequest } from '../helpers/rawHttp'
import { startTestServer, type TestServer } from '../helpers/testServer'
import { resolvedParagraphs, trackedAuthors, withoutTrailingEmpty } from '../helpers/trackedChanges'
import { connectClient, draftText, waitFor, waitSynced } from '../helpers/yClient'

/**
 * The Word round trip of proposals (issue 14): `export?format=docx&proposals=tracked` is the draft with
 * every open proposal as a tracked change by its delegation. Accepting all of them in Word gives the
 * same text as applying those proposals in Accord; rejecting all gives the draft; alternatives on the
 * same words and outdated proposals come as Word comments instead of conflicting changes.
 */

let server: TestServer
let documentId: string
const tokens: Record<string, string> & { chair: string; editor: string } = { chair: '', editor: '' }

beforeAll(async () => {
  server = await startTestServer()
  documentId = await server.openDraft('Draft with proposals')
  for (const org of ['NO', 'MX', 'DE', 'AU', 'LT']) tokens[org] = await server.token('commenter', `Delegate ${org}`, org)
  tokens.chair = await server.token('chair', 'Claire Chair', 'WIPO')
  tokens.editor = await server.token('editor', 'Ana Silva', 'MZ')
})
afterAll(async () => {
  await server?.stop()
})

const propose = async (org: string, quote: string, proposedChange: string) => {
  const res = await rawRequest(server.url, `/api/documents/${documentId}/comments`, {
    method: 'POST',
    token: tokens[org],
    body: { type: 'editorial', body: 'Better words.', anchor: { quote }, proposedChange },
  })
  expect(res.status, res.text).toBe(201)
  return res.json as Comment
}

async function download(query: string): Promise<{ xml: string; comments: string }> {
  const res = await fetch(`${server.url}/api/documents/${documentId}/export?${query}`, { headers: { authorization: `Bearer ${tokens.chair}` } })
  expect(res.status).toBe(200)
  const bytes = new Uint8Array(await res.arrayBuffer())
  const parts = await packageParts(bytes)
  return { xml: await docxPart(bytes), comments: parts.includes('word/comments.xml') ? await docxPart(bytes, 'word/comments.xml') : '' }
}

describe('proposals as Word tracked changes', () => {
  it('accept all = the proposals applied in Accord; reject all = the draft; alternatives and outdated ones as comments', async () => {
    const no = await propose('NO', 'reviewed at regular intervals', 'reviewed every two years')
    const au = await propose('AU', 'data quality', 'the quality of their data')
    const mx = await propose('MX', 'end-to-end electronic processing', 'fully electronic processing')
    const de = await propose('DE', 'electronic processing, from filing', 'digital processing, from filing')
    const lt = await propose('LT', 'resilient, scalable and cost-effective', 'resilient and affordable')
    // The Task Force rewords what Lithuania proposed on: its proposal is now outdated.
    const editor = connectClient(server.url, documentId, tokens.editor)
    try {
      await waitSynced(editor)
      const fifth = statementOf(editor.doc, 5)
      fifth.delete(fifth.toString().indexOf('scalable and '), 'scalable and '.length)
      await waitFor(() => !draftText(server.drafts.peek(documentId)!.doc).includes('scalable and cost'), 'the server has the edit')
    } finally {
      editor.destroy()
    }

    const draftNow = withoutTrailingEmpty(resolvedParagraphs((await download('format=docx')).xml, 'accept'))
    const tracked = await download('format=docx&proposals=tracked')
    expect(trackedAuthors(tracked.xml, 'ins')).toEqual(new Set(['Norway (NO)', 'Australia (AU)']))
    expect(withoutTrailingEmpty(resolvedParagraphs(tracked.xml, 'reject'))).toEqual(draftNow)
    expect(tracked.comments).toContain('Alternative proposals for these words:')
    expect(tracked.comments).toContain(`${mx.id} (Mexico (MX)): “fully electronic processing”`)
    expect(tracked.comments).toContain(`${de.id} (Germany (DE)): “digital processing, from filing”`)
    expect(tracked.comments).toContain(`Proposal written for words that have since changed (“resilient, scalable and cost-effective”):`)
    expect(tracked.comments).toContain(lt.id)

    // The same proposals applied through Accord give exactly the accepted text.
    for (const c of [no, au]) {
      const res = await rawRequest(server.url, `/api/documents/${documentId}/comments/${c.id}/apply`, { method: 'POST', token: tokens.chair, body: {} })
      expect(res.status, res.text).toBe(200)
    }
    const applied = withoutTrailingEmpty(resolvedParagraphs((await download('format=docx')).xml, 'accept'))
    expect(withoutTrailingEmpty(resolvedParagraphs(tracked.xml, 'accept'))).toEqual(applied)
    expect(applied.join('\n')).toContain('reviewed every two years')
  })

  it('is a Word-only option', async () => {
    const res = await rawRequest(server.url, `/api/documents/${documentId}/export?format=md&proposals=tracked`, { token: tokens.chair })
    expect(res.status).toBe(400)
    expect((await rawRequest(server.url, `/api/documents/${documentId}/export?format=docx&proposals=all`, { token: tokens.chair })).status).toBe(400)
  })
})
