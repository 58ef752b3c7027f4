import * as Y from 'yjs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { anchorForRange } from '../../shared/draft/anchors'
import { buildPositionIndex } from '../../shared/draft/positionIndex'
import { CONTENT_FIELD } from '../../shared/protocol'
import {
  type PendingSuggestion,
  type SuggestionStep,
  type TextblockSpan,
  applySuggestionStep,
  suggestionAsProposal,
} from '../../shared/suggestions/pendingSuggestion'
import type { Comment } from '../../shared/types'
import { rawRequest } from '../helpers/rawHttp'
import { collabUrl, craftEdit, syncStep1Frame, tryUpgrade, updateFrame } from '../helpers/rawSocket'
import { startTestServer, type TestServer } from '../helpers/testServer'
import { connectClient, draftText, waitFor, waitSynced, type YClient } from '../helpers/yClient'

/**
 * Suggesting mode (issue 14) against the real server: whatever a delegate's connection sends, the draft
 * does not change; what they typed in suggesting mode arrives as an ordinary comment whose anchor and
 * proposed change are exactly the suggestion, so accepting it gives the text they typed.
 */

let server: TestServer
let documentId: string
const tokens = { delegate: '', chair: '' }
const clients: YClient[] = []

beforeAll(async () => {
  server = await startTestServer()
  documentId = await server.openDraft('Suggesting')
  tokens.delegate = await server.token('commenter', 'Kari Nordmann', 'NO')
  tokens.chair = await server.token('chair', 'Claire Chair', 'WIPO')
})
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})
afterAll(async () => {
  await server?.stop()
})

const stateVector = () => Buffer.from(Y.encodeStateVector(server.drafts.peek(documentId)!.doc))

/** The textblock holding `words` in a client's copy, as the editor sees it. */
function blockHolding(doc: Y.Doc, words: string): TextblockSpan & { at: number } {
  const index = buildPositionIndex(doc.getXmlFragment(CONTENT_FIELD))
  for (const segment of index.segments) {
    const text = segment.text.toString()
    const i = text.indexOf(words)
    if (i >= 0) return { start: segment.from, end: segment.to, text, at: segment.from + i }
  }
  throw new Error(`"${words}" is not in the draft`)
}

/** What the delegate's browser posts for a suggestion: a range anchor and the proposed words. */
async function post(doc: Y.Doc, pending: PendingSuggestion, block: TextblockSpan): Promise<Comment> {
  const proposal = suggestionAsProposal(pending, block)!
  const anchor = anchorForRange(buildPositionIndex(doc.getXmlFragment(CONTENT_FIELD)), proposal.from, proposal.to)
  const res = await rawRequest(server.url, `/api/documents/${documentId}/comments`, {
    method: 'POST',
    token: tokens.delegate,
    body: { type: 'editorial', body: 'Suggested in the text.', range: { ...anchor, quote: proposal.quote }, proposedChange: proposal.proposedChange },
  })
  expect(res.status, res.text).toBe(201)
  return res.json as Comment
}

const steps = (first: SuggestionStep, text: string, at: number): SuggestionStep[] => [first, ...Array.from(text, (ch): SuggestionStep => ({ kind: 'type', from: at, to: at, text: ch }))]

describe('suggesting mode against the server', () => {
  it('a delegate’s connection cannot change the draft, raw frames included', async () => {
    const delegate = connectClient(server.url, documentId, tokens.delegate)
    clients.push(delegate)
    await waitSynced(delegate)
    const before = stateVector()
    // The stock client edits its own copy (as a tampered editor would): the server drops the update.
    delegate.doc.getXmlFragment(CONTENT_FIELD).insert(0, [new Y.XmlText('Delegate was here')])
    const raw = await tryUpgrade(collabUrl(server.url, documentId, tokens.delegate))
    if (!raw.opened) throw new Error('upgrade refused')
    try {
      raw.ws.send(updateFrame(craftEdit(Y.encodeStateAsUpdate(server.drafts.peek(documentId)!.doc), (d) => d.getXmlFragment(CONTENT_FIELD).delete(0, 1))))
      await new Promise<void>((resolve) => {
        raw.ws.on('message', (data: Buffer) => {
          if (data[0] === 0 && data[1] === 1) resolve()
        })
        raw.ws.send(syncStep1Frame(Y.encodeStateVector(new Y.Doc())))
      })
    } finally {
      raw.ws.close()
    }
    expect(stateVector().equals(before)).toBe(true)
    expect(draftText(server.drafts.peek(documentId)!.doc)).not.toContain('Delegate was here')
  })

  it('a replacement typed over selected words arrives as a comment on those words, and accepting it gives what was typed', async () => {
    const delegate = connectClient(server.url, documentId, tokens.delegate)
    clients.push(delegate)
    await waitSynced(delegate)
    const words = 'at regular intervals'
    const block = blockHolding(delegate.doc, words)
    const selection = { from: block.at, to: block.at + words.length }
    const pending = steps({ kind: 'type', ...selection, text: 'e' }, 'very two years', selection.to).reduce<PendingSuggestion | null>(
      (p, s) => applySuggestionStep(p, s, block),
      null,
    )!
    const typed = block.text.slice(0, selection.from - block.start) + 'every two years' + block.text.slice(selection.to - block.start)
    const comment = await post(delegate.doc, pending, block)
    expect(comment).toMatchObject({ quote: words, proposedChange: 'every two years', anchorState: 'anchored', outdated: false })
    const applied = await rawRequest(server.url, `/api/documents/${documentId}/comments/${comment.id}/apply`, { method: 'POST', token: tokens.chair, body: {} })
    expect(applied.status, applied.text).toBe(200)
    await waitFor(() => draftText(delegate.doc).includes(typed), 'the delegate sees the accepted words')
  })

  it('a pure insertion arrives attached to the word before it', async () => {
    const delegate = connectClient(server.url, documentId, tokens.delegate)
    clients.push(delegate)
    await waitSynced(delegate)
    const block = blockHolding(delegate.doc, 'data quality')
    const at = block.at + 'data'.length
    const pending = Array.from(' and metadata', (ch): SuggestionStep => ({ kind: 'type', from: at, to: at, text: ch })).reduce<PendingSuggestion | null>(
      (p, s) => applySuggestionStep(p, s, block),
      null,
    )!
    const comment = await post(delegate.doc, pending, block)
    expect(comment).toMatchObject({ quote: 'data', proposedChange: 'data and metadata' })
  })

  it('a suggestion needs no explanation; a comment without a proposal does', async () => {
    const post = (body: unknown) => rawRequest(server.url, `/api/documents/${documentId}/comments`, { method: 'POST', token: tokens.delegate, body })
    const quiet = await post({ type: 'editorial', body: '', anchor: { quote: 'data owners' }, proposedChange: 'data stewards' })
    expect([quiet.status, (quiet.json as Comment).body]).toEqual([201, ''])
    const empty = await post({ type: 'editorial', body: '  ', anchor: { quote: 'data owners' } })
    expect(empty.status).toBe(400)
    expect((empty.json as { error: string }).error).toContain('body must not be empty')
  })
})
