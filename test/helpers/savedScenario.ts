import { connectAccordClient } from './accordClient'
import { commentApi } from './commentApi'
import { textAt } from './draftDoc'
import { seededRandom } from './random'
import { tokenInDataDir } from './serverProcess'
import type { serverProcessesClosedAfterEach } from './serverProcesses'
import { readDraftText, waitSynced } from './yClient'

/**
 * F2: "saved" means saved. In each run an Accord-style writer types a burst of edits, waits until the server
 * confirms them durable (the same rule the browser uses for "All changes saved"), sometimes types a few more,
 * closes its connection at once and the server is killed with SIGKILL; a delegate's comment that got its 201
 * just before is killed with it. The next run starts on the same data dir and first checks the previous one.
 */

export interface SavedRunFigures {
  run: number
  confirmedTokens: number
  unconfirmedTokens: number
  confirmedLost: string[]
  unconfirmedKept: number
  commentKept: boolean
  saveWaitMs: number
}

export async function runSavedScenario(
  env: ReturnType<typeof serverProcessesClosedAfterEach>,
  seed: number,
  runs: number,
): Promise<SavedRunFigures[]> {
  const rng = seededRandom(seed)
  const dataDir = env.dataDir()
  const editor = await tokenInDataDir(dataDir, 'editor')
  const delegateToken = await tokenInDataDir(dataDir, 'commenter', 'Kari Nordmann', 'NO')
  let proc = await env.start(dataDir)
  const documentId = (await commentApi(proc.url, editor).drafts())[0]!.id
  const figures: SavedRunFigures[] = []

  for (let run = 1; run <= runs; run++) {
    const writer = connectAccordClient(proc.url, documentId, editor)
    env.clients.push(writer)
    await waitSynced(writer)
    const confirmed: string[] = []
    const burst = rng.int(5, 40)
    for (let i = 0; i < burst; i++) {
      const t = `«r${run}.${i}»`
      // Only where no token would be split: the paragraph's ends or before another token.
      const text = textAt(writer.doc)
      const starts = [0, text.length, ...[...text.toString().matchAll(/«/g)].map((m) => m.index)]
      text.insert(rng.pick(starts), t)
      confirmed.push(t)
    }
    const waitFrom = performance.now()
    await writer.waitSaved()
    const saveWaitMs = performance.now() - waitFrom
    const unconfirmed: string[] = []
    if (rng.chance(0.5)) {
      for (let i = rng.int(1, 5); i > 0; i--) {
        const t = `«r${run}.u${i}»`
        textAt(writer.doc).insert(0, t)
        unconfirmed.push(t)
      }
    }
    const comment = await commentApi(proc.url, delegateToken).comment(documentId, { type: 'general', body: `Comment of run ${run}.` })
    writer.destroy()
    env.clients.splice(env.clients.indexOf(writer), 1)
    await env.kill9(proc)
    proc = await env.start(dataDir)
    const text = await readDraftText(proc.url, documentId, editor)
    const comments = await commentApi(proc.url, delegateToken).comments(documentId)
    figures.push({
      run,
      confirmedTokens: confirmed.length,
      unconfirmedTokens: unconfirmed.length,
      confirmedLost: confirmed.filter((t) => !text.includes(t)),
      unconfirmedKept: unconfirmed.filter((t) => text.includes(t)).length,
      commentKept: comments.some((c) => c.id === comment.id),
      saveWaitMs,
    })
  }
  return figures
}

export function describeSavedRuns(seed: number, figures: SavedRunFigures[]): string {
  const confirmed = figures.reduce((n, f) => n + f.confirmedTokens, 0)
  const lost = figures.reduce((n, f) => n + f.confirmedLost.length, 0)
  const unconfirmed = figures.reduce((n, f) => n + f.unconfirmedTokens, 0)
  const kept = figures.reduce((n, f) => n + f.unconfirmedKept, 0)
  const comments = figures.filter((f) => f.commentKept).length
  const waits = figures.map((f) => f.saveWaitMs)
  return (
    `F2 seed ${seed}, ${figures.length} kill -9 runs: ${confirmed} edits confirmed saved, ${lost} lost; ${unconfirmed} edits typed after the ` +
    `confirmation (never confirmed), ${kept} of them survived anyway; comments with a 201 that survived: ${comments}/${figures.length}; ` +
    `"saved" arrived ${Math.round(Math.min(...waits))}–${Math.round(Math.max(...waits))} ms after the last edit`
  )
}
