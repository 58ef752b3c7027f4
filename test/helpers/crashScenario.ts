import { vi } from 'vitest'
import * as Y from 'yjs'
import { LowdbStore } from '../../server/store/LowdbStore'
import { textAt } from './draftDoc'
import { seededRandom } from './random'
import { tokenInDataDir } from './serverProcess'
import type { serverProcessesClosedAfterEach } from './serverProcesses'
import { connectClient, draftText, waitFor, waitSynced, type YClient } from './yClient'
import { TOKEN, tokenAudit, tokenBoundaries } from './tokens'
import { commentApi } from './commentApi'

/**
 * F1: N clients type unique tokens into one paragraph; the server process is killed with SIGKILL at a moment
 * drawn from the seed, then restarted on the same data dir and port. Clients keep typing throughout
 * (offline while it is down) and reconnect by themselves. At the end every replica and the server must be
 * identical, with every token exactly once.
 */

const token = (client: number, n: number) => `⟦c${client}.${n}⟧`

/** Tokens the server has written to disk (read while no server runs; torn tails are dropped as at start-up). */
async function tokensOnDisk(dataDir: string, documentId: string): Promise<number> {
  const store = new LowdbStore(dataDir)
  await store.open()
  try {
    const doc = new Y.Doc()
    for (const u of await store.loadDocumentState(documentId)) Y.applyUpdate(doc, u)
    return (draftText(doc).match(TOKEN) ?? []).length
  } finally {
    await store.close()
  }
}

export interface CrashFigures {
  seed: number
  clients: number
  killAfterMs: number
  typedBeforeKill: number
  onDiskAtKill: number
  typedWhileDown: number
  typedTotal: number
  downMs: number
  convergeMs: number
  missing: string[]
  duplicated: string[]
  /** Replicas (clients, the server, the server after a clean restart) whose text differs from client 0's. */
  divergent: string[]
}

export async function runCrashScenario(
  run: ReturnType<typeof serverProcessesClosedAfterEach>,
  seed: number,
  clientCount = 20,
): Promise<CrashFigures> {
  const rng = seededRandom(seed)
  const dataDir = run.dataDir()
  const editor = await tokenInDataDir(dataDir, 'editor')
  let proc = await run.start(dataDir)
  const port = proc.port
  const documentId = (await commentApi(proc.url, editor).drafts())[0]!.id

  const clients: YClient[] = []
  for (let i = 0; i < clientCount; i++) clients.push(connectClient(proc.url, documentId, editor))
  run.clients.push(...clients)
  await Promise.all(clients.map((c) => waitSynced(c)))

  // Each client types a token every 30–120 ms (under the relay's 50 messages/s per connection).
  const typed: string[][] = clients.map(() => [])
  let typing = true
  const timers = new Set<NodeJS.Timeout>()
  const typeNext = (i: number) => {
    if (!typing) return
    const c = clients[i]!
    const text = textAt(c.doc)
    const at = rng.pick(tokenBoundaries(text.toString()))
    const t = token(i, typed[i]!.length)
    text.insert(at, t)
    typed[i]!.push(t)
    const timer = setTimeout(() => {
      timers.delete(timer)
      typeNext(i)
    }, rng.int(30, 120))
    timers.add(timer)
  }
  const total = () => typed.reduce((n, list) => n + list.length, 0)
  const startedAt = performance.now()
  clients.forEach((_, i) => typeNext(i))

  // The moment of the crash comes from the seed: part of the scenario, not a wait for the system.
  // Up to 7 s: before the first write (debounce 1 s, maximum wait 3 s while typing goes on) and after several.
  const killAfterMs = rng.int(300, 7000)
  await new Promise((resolve) => setTimeout(resolve, killAfterMs - (performance.now() - startedAt)))
  await run.kill9(proc)
  const killedAt = performance.now()
  const typedBeforeKill = total()
  const onDiskAtKill = await tokensOnDisk(dataDir, documentId)

  proc = await run.start(dataDir, port)
  const downMs = performance.now() - killedAt
  const typedWhileDown = total() - typedBeforeKill
  await vi.waitFor(
    () => {
      if (!clients.every((c) => c.provider.synced)) throw new Error('not every client has reconnected')
    },
    { timeout: 20_000, interval: 20 },
  )
  // Keep typing on the new server until each client has added a few more tokens.
  const marks = typed.map((list) => list.length)
  await waitFor(() => typed.every((list, i) => list.length >= marks[i]! + 3), 'every client typed after reconnecting', 20_000)
  typing = false
  for (const t of timers) clearTimeout(t)

  const convergeFrom = performance.now()
  const expectedTokens = typed.flat()
  await waitFor(
    () => {
      const first = draftText(clients[0]!.doc)
      return clients.every((c) => draftText(c.doc) === first) && (first.match(TOKEN) ?? []).length >= expectedTokens.length
    },
    'all replicas converge with every token',
    30_000,
  ).catch(() => undefined) // the figures below say what went wrong
  const convergeMs = performance.now() - convergeFrom
  const reference = draftText(clients[0]!.doc)

  const divergent: string[] = clients.flatMap((c, i) => (draftText(c.doc) === reference ? [] : [`client ${i}`]))
  const probe = connectClient(proc.url, documentId, editor)
  run.clients.push(probe)
  await waitSynced(probe)
  if (draftText(probe.doc) !== reference) divergent.push('server')
  // And what the server writes: a clean restart must read back the same.
  for (const c of run.clients.splice(0)) c.destroy()
  proc.child.kill('SIGTERM')
  await proc.exited
  proc = await run.start(dataDir, port)
  const afterRestart = connectClient(proc.url, documentId, editor)
  run.clients.push(afterRestart)
  await waitSynced(afterRestart)
  if (draftText(afterRestart.doc) !== reference) divergent.push('server after a clean restart')

  const audit = tokenAudit(reference, expectedTokens)
  return {
    seed,
    clients: clientCount,
    killAfterMs,
    typedBeforeKill,
    onDiskAtKill,
    typedWhileDown,
    typedTotal: expectedTokens.length,
    downMs,
    convergeMs,
    missing: audit.missing,
    duplicated: audit.doubled,
    divergent,
  }
}

export function describeCrash(f: CrashFigures): string {
  return (
    `F1 seed ${f.seed}: ${f.clients} clients; kill -9 after ${f.killAfterMs} ms with ${f.typedBeforeKill} tokens typed, ` +
      `${f.onDiskAtKill} of them on disk; ${f.typedWhileDown} typed while down (${Math.round(f.downMs)} ms); ${f.typedTotal} in all; ` +
      `converged in ${Math.round(f.convergeMs)} ms; missing ${f.missing.length}, duplicated ${f.duplicated.length}, ` +
      `divergent replicas: ${f.divergent.length === 0 ? 'none' : f.divergent.join(', ')}`
  )
}
