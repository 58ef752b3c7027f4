import * as Y from 'yjs'
import { plainText } from '../../../shared/draft/positionIndex'
import { type AgentStep, agentSteps, authoredUpdates, sendSteps } from '../../helpers/concurrentTrace'
import { textAt } from '../../helpers/draftDoc'
import { type ConcurrentTrace, loadTrace } from '../../helpers/traces'
import { nowMs } from '../lib/stats'
import { type Endpoint, type NodeClient, connectClient, within } from '../lib/yNode'

/** Client side of the concurrent replay: one stock provider per recorded author, all in this process. */

let agents: NodeClient[] = []
let steps: AgentStep[][] = []
let trace: ConcurrentTrace | null = null
let closes = 0

export const handlers = {
  /** Connects one client per author and prepares each author's transactions (not timed). */
  async connect({ endpoint, name }: { endpoint: Endpoint; name: string }) {
    trace = loadTrace<ConcurrentTrace>(name)
    agents = Array.from({ length: trace.numAgents }, () => connectClient(endpoint))
    await within(Promise.all(agents.map((a) => a.synced)), 30_000, 'the agents sync')
    for (const a of agents) a.provider.on('connection-close', () => closes++)
    steps = agentSteps(trace, authoredUpdates(trace, Y.encodeStateAsUpdate(agents[0]!.doc)))
    return steps.map((s) => s.length)
  },

  /** Every agent sends its transactions at machine speed; resolves when every agent shows endContent. */
  async replay({ timeoutMs }: { timeoutMs: number }) {
    const t = trace!
    const start = nowMs()
    await Promise.all(agents.map((a, i) => sendSteps(a.doc, steps[i]!)))
    const sentMs = nowMs() - start
    const done = () => agents.every((a) => plainText(textAt(a.doc)) === t.endContent)
    await within(
      new Promise<void>((resolve) => {
        const check = () => {
          if (!done()) return
          for (const a of agents) a.doc.off('afterTransaction', check)
          resolve()
        }
        for (const a of agents) a.doc.on('afterTransaction', check)
        check()
      }),
      timeoutMs,
      'every agent reaches endContent',
    )
    return { totalMs: nowMs() - start, sentMs, closes, messages: steps.reduce((n, s) => n + s.length, 0) }
  },

  close() {
    for (const a of agents) a.destroy()
    agents = []
  },
}
