import * as Y from 'yjs'
import { CONTENT_FIELD } from '../../shared/protocol'
import { NODE } from '../../shared/schema/names'
import { textAt } from './draftDoc'
import { FlakySocket, flakyNetwork } from './flakySocket'
import { seededRandom } from './random'
import { startTestServer } from './testServer'
import { connectClient, draftText, waitFor, waitSynced, type YClient } from './yClient'
import { TOKEN, tokenAudit, tokenBoundaries } from './tokens'

/**
 * F9: several stock clients edit one draft through the real relay over a bad network: random delays on
 * every message, connections dropped with messages in flight, clients going offline and coming back. All
 * of it is drawn from one seed. At the end every replica and the server must hold the same document, with
 * every token that was inserted and not deleted exactly once.
 */


export interface ChaosFigures {
  seed: number
  clients: number
  steps: number
  inserts: number
  deletes: number
  drops: number
  disconnects: number
  reconnects: number
  lostInFlight: number
  convergeMs: number
  converged: boolean
  missing: string[]
  resurrected: string[]
}

export async function runChaos(seed: number, steps = 150): Promise<ChaosFigures> {
  const rng = seededRandom(seed)
  const server = await startTestServer({ memory: true })
  const clients: YClient[] = []
  const network = flakyNetwork(rng, rng.int(5, 60))
  try {
    const token = await server.token('editor')
    const count = rng.int(3, 5)
    for (let i = 0; i < count; i++) {
      clients.push(connectClient(server.url, server.demoId, token, { WebSocketPolyfill: network.Socket }))
    }
    await Promise.all(clients.map((c) => waitSynced(c)))
    const f: ChaosFigures = {
      seed, clients: count, steps, inserts: 0, deletes: 0, drops: 0, disconnects: 0, reconnects: 0,
      lostInFlight: 0, convergeMs: 0, converged: false, missing: [], resurrected: [],
    }
    const inserted: string[] = []
    const deleted = new Set<string>()

    for (let step = 0; step < steps; step++) {
      const who = rng.int(0, count - 1)
      const c = clients[who]!
      const roll = rng.next()
      if (roll < 0.55) {
        const text = textAt(c.doc, NODE.paragraph, rng.int(0, 2))
        const t = `⟦${who}.${inserted.length}⟧`
        text.insert(rng.pick(tokenBoundaries(text.toString())), t)
        inserted.push(t)
        f.inserts++
      } else if (roll < 0.68) {
        const text = textAt(c.doc, NODE.paragraph, rng.int(0, 2))
        const tokens = [...text.toString().matchAll(TOKEN)]
        if (tokens.length > 0) {
          const victim = rng.pick(tokens)
          text.delete(victim.index, victim[0].length)
          deleted.add(victim[0])
          f.deletes++
        }
      } else if (roll < 0.75) {
        const p = new Y.XmlElement(NODE.paragraph)
        const t = `⟦${who}.${inserted.length}⟧`
        p.insert(0, [new Y.XmlText(t)])
        const fragment = c.doc.getXmlFragment(CONTENT_FIELD)
        fragment.insert(rng.int(0, Math.min(3, fragment.length)), [p])
        inserted.push(t)
        f.inserts++
      } else if (roll < 0.85) {
        const ws = c.provider.ws as unknown as FlakySocket | null
        if (ws && ws.readyState === FlakySocket.OPEN) {
          ws.drop()
          f.drops++
        }
      } else if (roll < 0.92) {
        if (c.provider.shouldConnect) {
          c.provider.disconnect()
          f.disconnects++
        }
      } else if (!c.provider.shouldConnect) {
        c.provider.connect()
        f.reconnects++
      }
      // The pace of the people and the network: part of the scenario.
      await new Promise((resolve) => setTimeout(resolve, rng.int(2, 20)))
    }

    for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect()
    const healedAt = performance.now()
    const serverText = () => {
      const room = server.drafts.peek(server.demoId)
      return room ? draftText(room.doc) : null
    }
    const sameEverywhere = () => {
      const reference = draftText(clients[0]!.doc)
      const vector = Buffer.from(Y.encodeStateVector(clients[0]!.doc))
      return (
        clients.every((c) => c.provider.synced && draftText(c.doc) === reference && vector.equals(Buffer.from(Y.encodeStateVector(c.doc)))) &&
        serverText() === reference &&
        vector.equals(Buffer.from(Y.encodeStateVector(server.drafts.peek(server.demoId)!.doc)))
      )
    }
    f.converged = await waitFor(sameEverywhere, 'every replica and the server agree', 20_000).then(
      () => true,
      () => false,
    )
    f.convergeMs = performance.now() - healedAt
    f.lostInFlight = network.sockets.reduce((n, s) => n + s.lostInFlight, 0)

    const final = serverText() ?? ''
    const audit = tokenAudit(final, inserted, deleted)
    f.missing = [...audit.missing, ...audit.doubled]
    f.resurrected = audit.resurrected
    return f
  } finally {
    for (const c of clients) c.destroy()
    await server.stop()
  }
}

export function describeChaos(f: ChaosFigures): string {
  return (
    `F9 seed ${f.seed}: ${f.clients} clients, ${f.steps} steps: ${f.inserts} inserts, ${f.deletes} deletes, ${f.drops} dropped connections ` +
    `(${f.lostInFlight} messages lost in flight), ${f.disconnects} offline spells, ${f.reconnects} reconnects; ` +
    `${f.converged ? `converged ${Math.round(f.convergeMs)} ms after healing` : 'DID NOT CONVERGE'}; missing or doubled ${f.missing.length}, deleted but back ${f.resurrected.length}`
  )
}
