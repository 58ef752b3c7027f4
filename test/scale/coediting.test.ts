import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type AccordClient, connectAccordClient } from '../helpers/accordClient'
import { commentApi } from '../helpers/commentApi'
import { textAt } from '../helpers/draftDoc'
import { seededRandom } from '../helpers/random'
import { TOKEN, tokenAudit, tokenBoundaries } from '../helpers/tokens'
import { draftText, readDraftText, waitFor, waitSynced } from '../helpers/yClient'
import { ScaleCluster } from './helpers/cluster'
import { postgresForThisFile, scaleTestsRun } from './helpers/scaleSuite'

/**
 * Two Accord instances on one PostgreSQL: a draft is served by one of them (its owner); clients and
 * scripts that reach the other one are forwarded. They co-edit and converge, every edit is confirmed
 * saved through either instance, and comments made through both get unique ids from the draft's counters.
 */

describe.runIf(scaleTestsRun())('two instances, one draft', () => {
  const postgres = postgresForThisFile()
  let cluster: ScaleCluster
  const clients: AccordClient[] = []
  beforeAll(async () => {
    cluster = await ScaleCluster.start(postgres(), { instances: 2, leaseMs: 3000 })
  })
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy()
  })
  afterAll(async () => {
    await cluster?.destroy()
  })

  it('started together, the instances made one workspace: one first chair, one demo draft', async () => {
    const chairs = await cluster.query<{ n: string }>("SELECT count(*) AS n FROM participants WHERE data LIKE '%\"role\":\"chair\"%'")
    expect(Number(chairs[0]!.n)).toBe(1)
    const token = await cluster.token('observer')
    for (const instance of cluster.instances) expect(await commentApi(instance.url, token).drafts()).toHaveLength(1)
  })

  it('clients on different instances co-edit one draft and converge; every edit is confirmed saved through either', async () => {
    const token = await cluster.token('editor', 'Ana Silva', 'MZ')
    const [first, second] = cluster.instances
    const id = (await commentApi(first!.url, token).drafts())[0]!.id
    const a = connectAccordClient(first!.url, id, token)
    const b = connectAccordClient(second!.url, id, token)
    clients.push(a, b)
    await Promise.all([waitSynced(a), waitSynced(b)])
    const owner = await cluster.ownerOf(id)
    expect(owner, 'a live instance owns the draft').not.toBeNull()

    const rng = seededRandom(19)
    const typed: string[] = []
    for (let n = 0; n < 60; n++) {
      const client = n % 2 === 0 ? a : b
      const text = textAt(client.doc)
      const t = `⟦${n % 2 === 0 ? 'a' : 'b'}${n}⟧`
      text.insert(rng.pick(tokenBoundaries(text.toString())), t)
      typed.push(t)
      if (n % 10 === 9) await new Promise((r) => setTimeout(r, 20))
    }
    await waitFor(() => draftText(a.doc) === draftText(b.doc) && (draftText(a.doc).match(TOKEN) ?? []).length === typed.length, 'both replicas have every edit')
    await Promise.all([a.waitSaved(), b.waitSaved()])
    // What the owner wrote, read through the other instance by a new client, is the same text.
    const nonOwner = cluster.instances.find((i) => i !== owner!.instance)!
    const stored = await readDraftText(nonOwner.url, id, token)
    expect(stored).toBe(draftText(a.doc))
    expect(tokenAudit(stored, typed)).toEqual({ missing: [], doubled: [], resurrected: [] })
    const rows = await cluster.query<{ seq: string }>('SELECT seq FROM document_updates WHERE document_id = $1 ORDER BY seq', [id])
    const seqs = rows.map((r) => Number(r.seq))
    expect(seqs, 'update rows are numbered without gaps').toEqual(seqs.map((_, i) => seqs[0]! + i))
    expect(nonOwner.log()).toMatch(/"msg":"accord started"/)
  })

  it('comments made through both instances at once get unique ids, in one sequence per org', async () => {
    const chair = await cluster.token('chair', 'Claire Chair', 'WIPO')
    const id = await commentApi(cluster.instances[0]!.url, chair).createDraft('Comment ids across instances')
    await (await fetch(`${cluster.instances[1]!.url}/api/documents/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${chair}`, 'content-type': 'application/json' },
      body: JSON.stringify({ commentsOutsideConsultation: true }),
    })).text()
    const norway = await cluster.token('commenter', 'Kari Nordmann', 'NO')
    const germany = await cluster.token('commenter', 'Max Muster', 'DE')
    const posts = []
    for (let i = 0; i < 15; i++) {
      for (const [n, instance] of cluster.instances.entries()) {
        posts.push(commentApi(instance.url, norway).comment(id, { type: 'general', body: `From Norway, ${i} via instance ${n}.` }))
        if (i % 3 === 0) posts.push(commentApi(instance.url, germany).comment(id, { type: 'general', body: `From Germany, ${i} via ${n}.` }))
      }
    }
    const made = await Promise.all(posts)
    const ids = made.map((c) => c.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.filter((c) => c.startsWith('NO-')).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `NO-${String(i + 1).padStart(3, '0')}`))
    expect(ids.filter((c) => c.startsWith('DE-')).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `DE-${String(i + 1).padStart(3, '0')}`))
    const counters = await cluster.query<{ org: string; last: number }>('SELECT org, last FROM comment_counters WHERE document_id = $1 ORDER BY org', [id])
    expect(counters).toEqual([
      { org: 'DE', last: 10 },
      { org: 'NO', last: 30 },
    ])
    // Either instance lists the same comments.
    const lists = await Promise.all(cluster.instances.map((i) => commentApi(i.url, chair).comments(id)))
    expect(lists[0]!.map((c) => c.id)).toEqual(lists[1]!.map((c) => c.id))
  })
})
