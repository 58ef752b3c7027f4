import { describe, expect, it, vi } from 'vitest'
import { CLOSE_DRAFT_MOVED } from '../../shared/protocol'
import type { Comment } from '../../shared/types'
import { commentApi } from '../helpers/commentApi'
import { seededRandom } from '../helpers/random'
import { readDraftText, waitFor } from '../helpers/yClient'
import { ScaleCluster } from './helpers/cluster'
import { postgresForThisFile, scaleTestsRun } from './helpers/scaleSuite'
import { Typists } from './helpers/typists'

/**
 * An owner paused past its lease (SIGSTOP, as in a long GC pause or a frozen VM) while clients type and a
 * comment is on its way to it; another instance takes the draft over; then the owner resumes (SIGCONT).
 * Its next write is refused (the lease renewal or a fenced write, whichever it tries first, finds the new
 * epoch), it confirms nothing saved after the takeover, it drops the draft and closes its sockets, the
 * clients resync with the new owner, and no comment id repeats: the comment that waited in the paused
 * owner's socket is refused (503) or, when the owner already knew it had lost the draft, forwarded to
 * the new owner, which gives it the next id.
 */

const LEASE_MS = 2000

describe.runIf(scaleTestsRun())('a paused owner', () => {
  const postgres = postgresForThisFile()

  it('is refused after the takeover: no write, no "saved", no repeated comment id; its clients resync with the new owner', async () => {
    const rng = seededRandom(Number(process.env.SEED ?? 7))
    const cluster = await ScaleCluster.start(postgres(), { instances: 2, leaseMs: LEASE_MS })
    const [a, b] = cluster.instances as [(typeof cluster.instances)[0], (typeof cluster.instances)[0]]
    let typists: Typists | null = null
    try {
      const token = await cluster.token('editor', 'Ana Silva', 'MZ')
      const delegate = await cluster.token('commenter', 'Kari Nordmann', 'NO')
      const id = (await commentApi(a.url, token).drafts())[0]!.id
      // Two clients straight on A (the owner, as the first to be asked), one through B (forwarded to A).
      typists = new Typists([a.url], id, token, rng)
      await typists.synced()
      await typists.add(a.url)
      await typists.add(b.url)
      expect((await cluster.ownerOf(id))?.instance).toBe(a)
      const before: Comment[] = []
      for (let i = 0; i < 3; i++) before.push(await commentApi(a.url, delegate).comment(id, { type: 'general', body: `Before the pause ${i}.` }))
      typists.start()
      await waitFor(() => typists!.confirmedTokens().length > 0, 'edits confirmed saved by A', 20_000)

      a.pause()
      const pausedAt = performance.now()
      const confirmedAtPause = typists.clients.map((c) => c.saveEvents.reduce((m, e) => Math.max(m, e.clock), 0))
      // A comment on its way to the paused owner: it waits in A's socket until A resumes.
      const toPaused = commentApi(a.url, delegate).post(`/documents/${id}/comments`, { type: 'general', body: 'Sent to the paused owner.' })

      // Once A's lease is stale, B takes the draft when asked for it, with a higher epoch.
      await vi.waitFor(
        async () => {
          if ((await cluster.ownerOf(id))?.instance === a) throw new Error('A\'s lease is still live')
        },
        { timeout: 20_000, interval: 100 },
      )
      const after = await commentApi(b.url, delegate).comment(id, { type: 'general', body: 'After the takeover.' })
      const takeover = (await cluster.ownerOf(id))!
      expect(takeover.instance).toBe(b)
      await typists.add(b.url)

      a.resume()
      const resumedAt = performance.now()
      const refused = await toPaused
      const refusedBody = await refused.text()
      // A closes the sockets it held; its clients reconnect (to A, which forwards them to B) and resync.
      await waitFor(() => [0, 1].every((i) => typists!.clients[i]!.closes.some((c) => c.at > resumedAt && c.code === CLOSE_DRAFT_MOVED)), 'A closed its sockets', 20_000)
      await waitFor(() => typists!.clients.every((c) => c.provider.synced), 'every client resynced', 20_000)
      const marks = typists.clients.map((_, i) => typists!.countOf(i))
      await waitFor(() => [0, 1, 2].every((i) => typists!.countOf(i) >= marks[i]! + 3), 'typing goes on with B', 20_000)
      typists.stop()
      const text = await typists.converged()
      await typists.allSaved()

      // What A told its clients after it resumed, until it closed them: nothing confirmed beyond the pause.
      const fromAAfterResume = [0, 1].map((i) => {
        const c = typists!.clients[i]!
        const closedAt = c.closes.find((x) => x.at > resumedAt)!.at
        return c.saveEvents.filter((e) => e.at > resumedAt && e.at < closedAt)
      })
      const stored = await readDraftText(b.url, id, token)
      const audit = typists.audit(stored)
      const comments = await commentApi(b.url, delegate).comments(id)
      const ids = comments.map((c) => c.id)
      console.log(
        `paused A for ${Math.round(resumedAt - pausedAt)} ms (lease ${LEASE_MS} ms); B took over with epoch ${takeover.epoch}; ` +
          `A: ${/"why":"([^"]+)"/.exec(a.log())?.[1]}; the comment sent to A while paused: ${refused.status}; save-status messages from A after it resumed: ` +
          `${fromAAfterResume.map((list) => list.map((e) => `${e.ok ? 'ok' : 'failed'}@${e.clock}`).join(' ') || 'none').join(' | ')}; ` +
          `comment ids ${ids.join(', ')}; ${typists.count} edits, missing ${audit.missing.length}, doubled ${audit.doubled.length}`,
      )
      expect([201, 503], refusedBody).toContain(refused.status)
      if (refused.status === 503) expect(refusedBody).toContain('server.draftMoved')
      const sentToA = refused.status === 201 ? [(JSON.parse(refusedBody) as Comment).id] : []
      fromAAfterResume.forEach((events, i) => {
        for (const e of events) expect(e.clock, `client ${i}: a "saved" from A after the takeover`).toBeLessThanOrEqual(confirmedAtPause[i]!)
      })
      expect(a.log()).toMatch(/"msg":"draft ownership lost","document":"[^"]+","why":"(its lease was taken over|a write was refused by the epoch fence)"/)
      expect(new Set(ids).size).toBe(ids.length)
      expect(ids.sort()).toEqual([...before.map((c) => c.id), after.id, ...sentToA].sort())
      expect(after.id).toBe('NO-004')
      expect(stored).toBe(text)
      expect(audit).toEqual({ confirmedMissing: [], confirmedDoubled: [], missing: [], doubled: [] })
    } finally {
      a.resume()
      typists?.destroy()
      await cluster.destroy()
    }
  })
})
