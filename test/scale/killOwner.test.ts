import { describe, expect, it, vi } from 'vitest'
import { commentApi } from '../helpers/commentApi'
import { seededRandom, seedsToRun } from '../helpers/random'
import { readDraftText, waitFor } from '../helpers/yClient'
import { ScaleCluster } from './helpers/cluster'
import { postgresForThisFile, scaleTestsRun } from './helpers/scaleSuite'
import { Typists } from './helpers/typists'

/**
 * kill -9 of a draft's owner while 20 clients type through a load balancer in front of three instances:
 * another instance takes the draft over once the lease is stale, the clients reconnect and resync with
 * it, and every edit any server confirmed saved is in the draft exactly once (every other edit too, as
 * the clients still hold them). Several seeds (SEED=n replays one; RANDOM_SEEDS=1 explores).
 */

const LEASE_MS = 2000

describe.runIf(scaleTestsRun())('kill -9 of the owner while 20 clients type', () => {
  const postgres = postgresForThisFile()

  for (const seed of seedsToRun(3)) {
    it(`seed ${seed}: after the takeover every confirmed edit is present once`, async () => {
      const rng = seededRandom(seed)
      const cluster = await ScaleCluster.start(postgres(), { instances: 3, leaseMs: LEASE_MS })
      let typists: Typists | null = null
      try {
        const token = await cluster.token('editor')
        const id = (await commentApi(cluster.balancer.url, token).drafts())[0]!.id
        typists = new Typists(Array.from({ length: 20 }, () => cluster.balancer.url), id, token, rng)
        await typists.synced()
        const owner = (await cluster.ownerOf(id))!
        typists.start()
        // The kill comes after the first edits were confirmed saved (continuous typing is written every 3 s),
        // a moment later drawn from the seed, with more edits typed meanwhile.
        await waitFor(() => typists!.confirmedTokens().length > 0, 'the first edits are confirmed saved', 20_000)
        await new Promise((r) => setTimeout(r, rng.int(200, 3000)))
        const confirmedAtKill = typists.confirmedTokens().length
        const typedAtKill = typists.count
        await owner.instance.kill9()
        const killedAt = performance.now()

        await vi.waitFor(
          async () => {
            const now = await cluster.ownerOf(id)
            if (!now || now.instance === owner.instance) throw new Error('no other instance owns the draft yet')
          },
          { timeout: 20_000, interval: 100 },
        )
        await waitFor(() => typists!.clients.every((c) => c.provider.synced), 'every client reconnected', 20_000)
        const marks = typists.clients.map((_, i) => typists!.countOf(i))
        await waitFor(() => typists!.clients.every((_, i) => typists!.countOf(i) >= marks[i]! + 3), 'every client typed after the takeover', 20_000)
        typists.stop()
        const text = await typists.converged()
        await typists.allSaved()
        const firstAckAfter = Math.min(...typists.clients.flatMap((c) => c.saveEvents.filter((e) => e.at > killedAt && e.ok).map((e) => e.at)))
        const newOwner = (await cluster.ownerOf(id))!
        const stored = await readDraftText(newOwner.instance.url, id, token)
        const audit = typists.audit(stored)
        console.log(
          `seed ${seed}: owner instance ${owner.instance.index} (epoch ${owner.epoch}) killed after ${typedAtKill} edits, ${confirmedAtKill} confirmed saved; ` +
            `instance ${newOwner.instance.index} took over (epoch ${newOwner.epoch}); first "saved" from it ${Math.round(firstAckAfter - killedAt)} ms after the kill ` +
            `(lease ${LEASE_MS} ms); ${typists.count} edits in all, ${typists.confirmedTokens().length} confirmed; ` +
            `confirmed missing ${audit.confirmedMissing.length}, doubled ${audit.confirmedDoubled.length}; any missing ${audit.missing.length}, doubled ${audit.doubled.length}`,
        )
        expect(stored).toBe(text)
        expect(audit).toEqual({ confirmedMissing: [], confirmedDoubled: [], missing: [], doubled: [] })
        expect(newOwner.epoch).toBeGreaterThan(owner.epoch)
        expect(confirmedAtKill, 'edits were confirmed saved before the kill').toBeGreaterThan(0)
        expect(confirmedAtKill, 'and some typed before it were not yet').toBeLessThan(typedAtKill)
        expect(typists.confirmedTokens().length).toBe(typists.count)
      } finally {
        typists?.destroy()
        await cluster.destroy()
      }
    })
  }
})
