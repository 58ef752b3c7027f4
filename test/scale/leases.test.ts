import * as Y from 'yjs'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../server/logger'
import { LeaseRows } from '../../server/scale/LeaseRows'
import { Ownership } from '../../server/scale/Ownership'
import { DraftElsewhereError, StaleOwnerError } from '../../server/store/errors'
import { PostgresStore } from '../../server/store/postgres/PostgresStore'
import { createPool } from '../../server/store/postgres/pool'
import { comment as fixtureComment, meta } from '../helpers/storeFixtures'
import { postgresForThisFile, scaleTestsRun } from './helpers/scaleSuite'

/**
 * Leases and the epoch fence, with two instances' Ownership and PostgresStore in one process on a real
 * PostgreSQL: one owner at a time; a takeover only once the lease is stale, raising the epoch; a stale
 * owner's writes refused whole (appends, compaction, comments, records), its loss announced; update rows
 * numbered without gaps.
 */

const LEASE_MS = 600

describe.runIf(scaleTestsRun())('leases and the epoch fence', () => {
  const postgres = postgresForThisFile()
  const closers: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close()
  })

  /** An instance: its ownership (not renewing unless started) and a store fenced by it. */
  async function instance(url: string, name: string, renew: boolean) {
    const leasePool = createPool(url, silentLogger)
    // One that does not renew within the test is an owner paused past its lease.
    const timing = { leaseMs: LEASE_MS, heartbeatMs: renew ? LEASE_MS / 3 : 600_000 }
    const ownership = new Ownership(new LeaseRows(leasePool), name, timing, silentLogger)
    const store = PostgresStore.connect(url, silentLogger, ownership)
    await store.open()
    ownership.start(`http://${name}`, () => true)
    const lost: string[] = []
    ownership.on('lost', (id) => lost.push(id))
    closers.push(async () => {
      await ownership.close()
      await store.close()
      await leasePool.end()
    })
    return { ownership, store, lost }
  }

  const comment = (id: string) => fixtureComment('d1', id)

  it('one owner at a time; a stale owner is taken over with a higher epoch and every write it tries is refused whole', async () => {
    const url = await postgres().createDatabase('leases')
    // A does not renew: its lease goes stale as if it were paused. B renews.
    const a = await instance(url, 'a', false)
    const b = await instance(url, 'b', true)
    const doc = new Y.Doc()
    const text = doc.getText('t')
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    await a.store.createDocument(meta('d1'), Y.encodeStateAsUpdate(doc))

    await a.ownership.acquire('d1')
    const elsewhere = await b.ownership.acquire('d1').catch((e: unknown) => e)
    expect(elsewhere).toBeInstanceOf(DraftElsewhereError)
    expect((elsewhere as DraftElsewhereError).ownerAddress).toBe('http://a')
    // B's writes are refused while A holds the draft: nothing is written.
    const other = new Y.Doc()
    other.getText('t').insert(0, 'by B ')
    await expect(b.store.appendDocumentUpdates('d1', [Y.encodeStateAsUpdate(other)], () => Y.encodeStateAsUpdate(other))).rejects.toBeInstanceOf(DraftElsewhereError)
    text.insert(0, 'by A ')
    await a.store.appendDocumentUpdates('d1', updates.splice(0), () => Y.encodeStateAsUpdate(doc))
    await a.store.putComments('d1', [{ comment: comment('NO-001'), expectedRev: null }])

    // A's lease goes stale; B takes the draft over with a new epoch.
    const before = await leaseOf(url, 'd1')
    await new Promise((r) => setTimeout(r, LEASE_MS + 100))
    await b.ownership.acquire('d1')
    const after = await leaseOf(url, 'd1')
    expect(after.owner).toBe('b')
    expect(after.epoch).toBe(before.epoch + 1)

    // Everything A tries now is refused and changes nothing; A learns it lost the draft.
    text.insert(0, 'late A ')
    const late = updates.splice(0)
    await expect(a.store.appendDocumentUpdates('d1', late, () => Y.encodeStateAsUpdate(doc))).rejects.toBeInstanceOf(StaleOwnerError)
    expect(a.lost).toEqual(['d1'])
    await expect(a.ownership.confirm('d1')).rejects.toBeInstanceOf(StaleOwnerError)
    // Its next writes try to take the draft again and find B holding it.
    await expect(a.store.putComments('d1', [{ comment: comment('NO-002'), expectedRev: null }])).rejects.toBeInstanceOf(DraftElsewhereError)
    await expect(a.store.putDocumentMeta({ ...meta('d1'), title: 'renamed by A' })).rejects.toBeInstanceOf(DraftElsewhereError)
    const state = new Y.Doc()
    for (const u of await b.store.loadDocumentState('d1')) Y.applyUpdate(state, u)
    expect(state.getText('t').toString()).toBe('by A ')
    expect((await b.store.listComments('d1')).map((c) => c.id)).toEqual(['NO-001'])
    expect((await b.store.getDocument('d1'))!.title).toBe('Draft d1')
    // B writes under its epoch; rows stay numbered without gaps across owners and refusals.
    await b.store.appendDocumentUpdates('d1', late, () => Y.encodeStateAsUpdate(doc))
    const seqs = (await rows(url, 'SELECT seq FROM document_updates WHERE document_id = $1 ORDER BY seq', ['d1'])).map((r) => Number(r.seq))
    expect(seqs).toEqual([1, 2])
  })

  it('a renewing owner keeps its drafts; the same owner taking a draft back keeps the epoch; giving one back lets another take it', async () => {
    const url = await postgres().createDatabase('leases')
    const a = await instance(url, 'a', true)
    const b = await instance(url, 'b', true)
    await a.store.createDocument(meta('d2'), new Uint8Array([0, 0]))
    await a.ownership.acquire('d2')
    const { epoch } = await leaseOf(url, 'd2')
    await new Promise((r) => setTimeout(r, LEASE_MS * 2))
    await expect(b.ownership.acquire('d2')).rejects.toBeInstanceOf(DraftElsewhereError)
    await a.ownership.confirm('d2')
    expect(a.lost).toEqual([])
    await a.ownership.close()
    expect((await leaseOf(url, 'd2')).epoch).toBe(epoch)
    await b.ownership.acquire('d2')
    expect(await leaseOf(url, 'd2')).toMatchObject({ owner: 'b', epoch: epoch + 1 })
    // Unknown drafts get no lease rows.
    await expect(b.ownership.acquire('no-such-draft')).rejects.toThrow(/does not exist/)
    expect(await rows(url, 'SELECT * FROM draft_leases WHERE document_id = $1', ['no-such-draft'])).toEqual([])
  })

  async function rows(url: string, sql: string, values: unknown[]): Promise<Record<string, string>[]> {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      return (await client.query<Record<string, string>>(sql, values)).rows
    } finally {
      await client.end()
    }
  }

  async function leaseOf(url: string, id: string): Promise<{ owner: string; epoch: number }> {
    const [row] = await rows(url, 'SELECT owner, epoch FROM draft_leases WHERE document_id = $1', [id])
    return { owner: row!.owner!, epoch: Number(row!.epoch) }
  }
})
