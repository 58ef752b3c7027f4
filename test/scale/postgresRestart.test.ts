import { describe, expect, it } from 'vitest'
import { commentApi } from '../helpers/commentApi'
import { seededRandom } from '../helpers/random'
import { readDraftText, waitFor } from '../helpers/yClient'
import { ScaleCluster } from './helpers/cluster'
import { postgresForThisFile, scaleTestsRun } from './helpers/scaleSuite'
import { Typists } from './helpers/typists'

/**
 * PostgreSQL restarted while clients type on two instances: the instances keep serving (edits still reach
 * every client), the clients are told their edits are not saved, nothing that was confirmed saved is lost,
 * and saving resumes by itself once the database is back, confirming every edit.
 */

describe.runIf(scaleTestsRun())('PostgreSQL restarted mid-typing', () => {
  const postgres = postgresForThisFile()

  it('clients see "not saved", nothing acknowledged is lost, saving resumes', async () => {
    const cluster = await ScaleCluster.start(postgres(), { instances: 2, leaseMs: 3000 })
    let typists: Typists | null = null
    try {
      const [a, b] = cluster.instances
      const token = await cluster.token('editor', 'Ana Silva', 'MZ')
      const id = (await commentApi(a!.url, token).drafts())[0]!.id
      typists = new Typists([a!.url], id, token, seededRandom(11))
      await typists.synced()
      await typists.add(b!.url)
      await typists.add(b!.url)
      typists.start()
      await waitFor(() => typists!.confirmedTokens().length > 0, 'edits confirmed saved', 20_000)
      const confirmedBefore = typists.confirmedTokens()

      await postgres().stop('fast')
      const stoppedAt = performance.now()
      await waitFor(() => typists!.clients.every((c) => c.saveState() === 'failed'), 'every client is told its edits are not saved', 20_000)
      const notSavedAfter = performance.now() - stoppedAt
      const typedWhileDown = typists.count
      const duringOutage = await commentApi(b!.url, token).post(`/documents/${id}/comments`, { type: 'general', body: 'While the database is down.' })
      await waitFor(() => typists!.count >= typedWhileDown + 30, 'typing goes on while the database is down')
      // Edits still reach every client while nothing can be saved.
      const whileDown = await typists.converged()

      await postgres().start()
      const startedAt = performance.now()
      await waitFor(() => typists!.clients.every((c) => c.saveState() !== 'failed' && c.lastSaveOk()), 'saving resumes by itself', 30_000)
      const resumedAfter = performance.now() - startedAt
      typists.stop()
      const text = await typists.converged()
      await typists.allSaved()
      const stored = await readDraftText(b!.url, id, token)
      const audit = typists.audit(stored)
      console.log(
        `PostgreSQL stopped: "not saved" on every client after ${Math.round(notSavedAfter)} ms; ${typists.count - typedWhileDown} edits typed while it was down; ` +
          `a comment POSTed meanwhile: ${duringOutage.status}; saving resumed ${Math.round(resumedAfter)} ms after it was back; ${confirmedBefore.length} edits confirmed before, ${typists.count} in all, ` +
          `missing ${audit.missing.length}, doubled ${audit.doubled.length}`,
      )
      expect(whileDown.length).toBeGreaterThan(0)
      expect(duringOutage.status).toBe(503)
      expect(await commentApi(b!.url, token).comments(id)).toEqual([])
      expect(stored).toBe(text)
      expect(audit).toEqual({ confirmedMissing: [], confirmedDoubled: [], missing: [], doubled: [] })
      for (const t of confirmedBefore) expect(stored).toContain(t)
      for (const instance of cluster.instances) expect(instance.running).toBe(true)
    } finally {
      typists?.destroy()
      await postgres().start()
      await cluster.destroy()
    }
  })
})
