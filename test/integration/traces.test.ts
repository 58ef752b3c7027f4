import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { connectClient, waitFor, waitSynced, type YClient } from '../helpers/yClient'
import { startTestServer, type TestServer } from '../helpers/testServer'
import { textAt } from '../helpers/draftDoc'
import { type ConcurrentTrace, type SequentialTrace, loadTrace } from '../helpers/traces'
import { authoredUpdates } from '../helpers/concurrentTrace'
import { plainText } from '../../shared/draft/positionIndex'

/**
 * Real editing traces (../shared/traces, CC BY 4.0) replayed through the real relay. The flood limit
 * is off here: a replay sends hundreds of thousands of messages as fast as the machine allows.
 */

let server: TestServer | null = null
const clients: YClient[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await server?.stop()
  server = null
})

async function blankDraft(): Promise<string> {
  const meta = await server!.documents.create('Trace', 'blank')
  return meta.id
}

function open(documentId: string, token: string, doc?: Y.Doc): YClient {
  const c = connectClient(server!.url, documentId, token, doc ? { doc } : {})
  clients.push(c)
  return c
}

describe('real editing traces through the relay', () => {
  it('automerge-paper typed edit by edit by A arrives at B exactly as endContent', async () => {
    const trace = loadTrace<SequentialTrace>('automerge-paper')
    server = await startTestServer({ rateLimit: false })
    const token = await server.token('editor')
    const id = await blankDraft()
    const a = open(id, token)
    const b = open(id, token)
    await Promise.all([waitSynced(a), waitSynced(b)])
    const textA = textAt(a.doc)
    let edits = 0
    for (const txn of trace.txns) {
      for (const [pos, del, ins] of txn.patches) {
        a.doc.transact(() => {
          if (del > 0) textA.delete(pos, del)
          if (ins) textA.insert(pos, ins)
        })
        edits++
      }
      // Let the socket drain now and then, as a person's typing would.
      if (edits % 5000 === 0) await new Promise((r) => setImmediate(r))
    }
    expect(edits).toBe(259_778)
    expect(plainText(textA)).toBe(trace.endContent)
    await waitFor(() => plainText(textAt(b.doc)) === trace.endContent, 'B has the whole paper', 240_000)
    const room = server.drafts.peek(id)!
    expect(plainText(textAt(room.doc))).toBe(trace.endContent)
  }, 300_000)

  it('friendsforever: two concurrent writers converge to endContent on both clients and the server', async () => {
    const trace = loadTrace<ConcurrentTrace>('friendsforever')
    server = await startTestServer({ rateLimit: false })
    const token = await server.token('editor')
    const id = await blankDraft()
    const agents = Array.from({ length: trace.numAgents }, () => open(id, token))
    await Promise.all(agents.map((a) => waitSynced(a)))
    // One shared run of text to type into, created once so that every agent edits the same Y.XmlText.
    textAt(agents[0]!.doc)
    const sv = () => Y.encodeStateVector(agents[0]!.doc).join()
    await waitFor(() => agents.every((a) => Y.encodeStateVector(a.doc).join() === sv()), 'text created everywhere')
    // Replay offline so each author sees exactly the recorded causal history; the relay then merges.
    for (const a of agents) a.provider.disconnect()
    const { finalStates } = authoredUpdates(trace, Y.encodeStateAsUpdate(agents[0]!.doc))
    // Each connected client carries one author's edits to the relay.
    agents.forEach((a, i) => Y.applyUpdate(a.doc, finalStates[i]!))
    for (const a of agents) a.provider.connect()
    await waitFor(
      () => agents.every((a) => plainText(textAt(a.doc)) === trace.endContent),
      'both agents reach endContent',
      60_000,
    )
    const room = server.drafts.peek(id)!
    await waitFor(() => plainText(textAt(room.doc)) === trace.endContent, 'server reaches endContent')
  }, 120_000)
})
