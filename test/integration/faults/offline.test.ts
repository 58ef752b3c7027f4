import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CONTENT_FIELD } from '../../../shared/protocol'
import { NODE } from '../../../shared/schema/names'
import { textAt } from '../../helpers/draftDoc'
import { seededRandom, type Random } from '../../helpers/random'
import { startTestServer } from '../../helpers/testServer'
import { testServersClosedAfterEach } from '../../helpers/testServers'
import { connectClient, draftText, waitFor, waitSynced } from '../../helpers/yClient'
import { TOKEN, tokenAudit, tokenBoundaries } from '../../helpers/tokens'

/**
 * F8: two editors go offline and each makes about 300 edits in the same places (the same paragraphs, new
 * paragraphs at the same spot, deletions of the same original words), then reconnect: both replicas and the
 * server end identical, equal to the CRDT merge of the two offline histories, with every edit in it.
 */

const { servers, clients, dataDir: freshDataDir } = testServersClosedAfterEach()


interface OfflineLog {
  inserted: string[]
  deletedTokens: string[]
  deletedWords: number
  newParagraphs: number
}

/** About 300 edits by one offline client, all in the first three paragraphs and the top of the draft. */
function editOffline(doc: Y.Doc, who: 'A' | 'B', rng: Random): OfflineLog {
  const log: OfflineLog = { inserted: [], deletedTokens: [], deletedWords: 0, newParagraphs: 0 }
  const fragment = doc.getXmlFragment(CONTENT_FIELD)
  for (let edit = 0; edit < 300; edit++) {
    const text = textAt(doc, NODE.paragraph, rng.int(0, 2))
    const roll = rng.next()
    if (roll < 0.75) {
      const t = `⟦${who}${log.inserted.length}⟧`
      text.insert(rng.pick(tokenBoundaries(text.toString())), t)
      log.inserted.push(t)
    } else if (roll < 0.85) {
      // Delete a token this client sees (its own or, after a later sync, anyone's).
      const tokens = [...text.toString().matchAll(TOKEN)]
      const victim = tokens.length > 0 ? rng.pick(tokens) : null
      if (victim) {
        text.delete(victim.index, victim[0].length)
        log.deletedTokens.push(victim[0])
      }
    } else if (roll < 0.93) {
      // Delete one of the paragraph's original words: both clients pick from the same few.
      const words = [...text.toString().matchAll(/(?<![⟦\w])[A-Za-z]{4,}(?![\w⟧])/g)].slice(0, 6)
      const word = words.length > 0 ? rng.pick(words) : null
      if (word) {
        text.delete(word.index, word[0].length)
        log.deletedWords++
      }
    } else {
      // A new paragraph at the same place in both replicas.
      const p = new Y.XmlElement(NODE.paragraph)
      const t = `⟦${who}${log.inserted.length}⟧`
      p.insert(0, [new Y.XmlText(t)])
      fragment.insert(1, [p])
      log.inserted.push(t)
      log.newParagraphs++
    }
  }
  return log
}

describe('F8: two clients edit offline in the same places, then reconnect', () => {
  it('both replicas and the server end identical, with every edit', async () => {
    const dataDir = freshDataDir()
    const server = await startTestServer({ dataDir })
    servers.push(server)
    const token = await server.token('editor')
    const a = connectClient(server.url, server.demoId, token)
    const b = connectClient(server.url, server.demoId, token)
    clients.push(a, b)
    await Promise.all([waitSynced(a), waitSynced(b)])
    a.provider.disconnect()
    b.provider.disconnect()

    const seed = Number(process.env.SEED ?? 8)
    const rng = seededRandom(seed)
    const logA = editOffline(a.doc, 'A', rng)
    const logB = editOffline(b.doc, 'B', rng)
    // What the CRDT says the result must be: both offline histories merged, with no server involved.
    const oracle = new Y.Doc()
    Y.applyUpdate(oracle, Y.encodeStateAsUpdate(a.doc))
    Y.applyUpdate(oracle, Y.encodeStateAsUpdate(b.doc))
    const expected = draftText(oracle)

    const reconnectAt = performance.now()
    a.provider.connect()
    b.provider.connect()
    const room = () => server.drafts.peek(server.demoId)
    await waitFor(
      () => draftText(a.doc) === expected && draftText(b.doc) === expected && room() !== undefined && draftText(room()!.doc) === expected,
      'both clients and the server have the merged draft',
    )
    const convergeMs = performance.now() - reconnectAt
    const sameState = [a.doc, b.doc, room()!.doc].every((d) => Buffer.from(Y.encodeStateVector(d)).equals(Buffer.from(Y.encodeStateVector(oracle))))

    const deleted = new Set([...logA.deletedTokens, ...logB.deletedTokens])
    const live = [...logA.inserted, ...logB.inserted].filter((t) => !deleted.has(t))
    const audit = tokenAudit(expected, live, deleted)
    const missing = [...audit.missing, ...audit.doubled]
    const resurrected = audit.resurrected
    console.log(
      `F8 offline, seed ${seed}: A ${logA.inserted.length} inserts (${logA.newParagraphs} new paragraphs), ${logA.deletedTokens.length} token and ` +
        `${logA.deletedWords} word deletions; B ${logB.inserted.length} inserts (${logB.newParagraphs} new paragraphs), ` +
        `${logB.deletedTokens.length} token and ${logB.deletedWords} word deletions; converged ${Math.round(convergeMs)} ms after ` +
        `reconnecting; replicas identical to the merge: ${sameState}; tokens expected ${live.length}, missing or doubled ${missing.length}, ` +
        `deleted but back ${resurrected.length}`,
    )
    expect(sameState).toBe(true)
    expect(missing).toEqual([])
    expect(resurrected).toEqual([])
    expect(logA.inserted.length + logA.deletedTokens.length + logA.deletedWords).toBeGreaterThan(250)

    // And the disk has it.
    a.destroy()
    b.destroy()
    clients.length = 0
    await servers.pop()!.stop()
    const restarted = await startTestServer({ dataDir })
    servers.push(restarted)
    const c = connectClient(restarted.url, restarted.demoId, token)
    clients.push(c)
    await waitSynced(c)
    expect(draftText(c.doc)).toBe(expected)
  })
})
