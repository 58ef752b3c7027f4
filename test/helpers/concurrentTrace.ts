import * as Y from 'yjs'
import { textAt } from './draftDoc'
import type { ConcurrentTrace } from './traces'

/** ClientIDs of the recorded authors, distinct from every connected client's. */
export const AUTHOR_CLIENT_BASE = 4_000_000

/**
 * Each transaction of a concurrent trace as the Yjs update its author made, in trace order, replayed
 * offline on `base` (a draft that already holds the run of text typed into): one Y.Doc per author that
 * sees exactly the recorded causal history. `finalStates` holds each author's document at the end.
 */
export function authoredUpdates(trace: ConcurrentTrace, base: Uint8Array): Uint8Array[] & { finalStates: Uint8Array[] } {
  const authors = Array.from({ length: trace.numAgents }, (_, i) => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, base)
    // Set the clientID only after applying others' state (see GUIDE: otherwise Yjs renames the doc).
    doc.clientID = AUTHOR_CLIENT_BASE + i
    return { doc, applied: new Set<number>() }
  })
  const own: Uint8Array[] = []
  trace.txns.forEach((txn, i) => {
    const author = authors[txn.agent]!
    for (const p of missingAncestors(trace, author.applied, txn.parents)) Y.applyUpdate(author.doc, own[p]!)
    const before = Y.encodeStateVector(author.doc)
    const text = textAt(author.doc)
    author.doc.transact(() => {
      for (const [pos, del, ins] of txn.patches) {
        if (del > 0) text.delete(pos, del)
        if (ins) text.insert(pos, ins)
      }
    })
    own.push(Y.encodeStateAsUpdate(author.doc, before))
    author.applied.add(i)
  })
  const finalStates = authors.map((a) => Y.encodeStateAsUpdate(a.doc))
  for (const a of authors) a.doc.destroy()
  return Object.assign(own, { finalStates })
}

/** The ancestors of `parents` not in `applied` (added to it), oldest first: the state before a transaction. */
function missingAncestors(trace: ConcurrentTrace, applied: Set<number>, parents: readonly number[]): number[] {
  const missing: number[] = []
  const stack = [...parents]
  while (stack.length > 0) {
    const p = stack.pop()!
    if (applied.has(p)) continue // ancestor-closed: its own ancestors are there too
    applied.add(p)
    missing.push(p)
    stack.push(...trace.txns[p]!.parents)
  }
  return missing.sort((x, y) => x - y)
}

/** One transaction of a connected agent: what it must have received first, then its own edit. */
export interface AgentStep {
  /** [author clientID, clock]: the others' edits this transaction builds on (as Yjs state). */
  needs: [number, number][]
  /** The agent's own transaction: one message to the relay. */
  own: Uint8Array
}

/**
 * Each agent's transactions, in its order, with what each builds on from the other agents. Replayed
 * through a relay, an agent sends each of its transactions as soon as what it builds on has arrived
 * (never earlier: a real client only builds on what it has received).
 */
export function agentSteps(trace: ConcurrentTrace, own: readonly Uint8Array[]): AgentStep[][] {
  // The author's clock after each transaction: one per inserted character.
  const clockAfter: number[] = []
  const clocks = new Array<number>(trace.numAgents).fill(0)
  for (const txn of trace.txns) {
    clocks[txn.agent]! += txn.patches.reduce((n, [, , ins]) => n + [...ins].length, 0)
    clockAfter.push(clocks[txn.agent]!)
  }
  const applied = Array.from({ length: trace.numAgents }, () => new Set<number>())
  const steps: AgentStep[][] = Array.from({ length: trace.numAgents }, () => [])
  trace.txns.forEach((txn, i) => {
    const seen = applied[txn.agent]!
    const needs = new Map<number, number>()
    for (const p of missingAncestors(trace, seen, txn.parents)) {
      const author = trace.txns[p]!.agent
      if (author !== txn.agent) needs.set(AUTHOR_CLIENT_BASE + author, Math.max(needs.get(AUTHOR_CLIENT_BASE + author) ?? 0, clockAfter[p]!))
    }
    seen.add(i)
    steps[txn.agent]!.push({ needs: [...needs], own: own[i]! })
  })
  return steps
}

/**
 * One connected agent's part of the replay at machine speed: each of its transactions is applied (and so
 * sent by its provider, one message each) as soon as what it builds on has arrived.
 */
export async function sendSteps(doc: Y.Doc, steps: readonly AgentStep[]): Promise<void> {
  const has = (needs: AgentStep['needs']) => needs.every(([client, clock]) => Y.getState(doc.store, client) >= clock)
  let i = 0
  for (const step of steps) {
    if (!has(step.needs)) {
      await new Promise<void>((resolve) => {
        const check = () => {
          if (!has(step.needs)) return
          doc.off('afterTransaction', check)
          resolve()
        }
        doc.on('afterTransaction', check)
      })
    }
    Y.applyUpdate(doc, step.own)
    // Now and then the socket and incoming messages get a turn, as between a person's keystrokes.
    if (++i % 100 === 0) await new Promise((resolve) => setImmediate(resolve))
  }
}
