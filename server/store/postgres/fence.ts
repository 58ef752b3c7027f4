import type pg from 'pg'
import { StaleOwnerError } from '../errors'
import { type Tx, inTransaction } from './pool'

/** What an instance holds of a draft: its lease, as owner and epoch. */
export interface DraftLease {
  owner: string
  epoch: number
}

/**
 * Where a fenced store learns which epoch this instance holds for a draft (server/scale/Ownership.ts).
 * Without one, writes are not fenced (one instance, the migration tool, tests of the store itself).
 */
export interface WriteFence {
  /**
   * The lease this instance holds for the draft, taking it when no live instance holds it; rejects with
   * DraftElsewhereError when another instance does.
   */
  leaseFor(documentId: string): Promise<DraftLease>
  /** A write found the epoch moved on: another instance owns the draft now. */
  refused(documentId: string, lease: DraftLease): void
}

/**
 * Checks, inside the write's transaction, that `lease` is still the draft's: the row is share-locked, so
 * a takeover (which updates it) waits until this transaction ends, and a takeover already committed is
 * seen here. Throws StaleOwnerError (the transaction then rolls back and nothing is written).
 */
export async function checkFence(tx: Tx, fence: WriteFence, documentId: string, lease: DraftLease): Promise<void> {
  const { rows } = await tx.query<{ epoch: string }>('SELECT epoch FROM draft_leases WHERE document_id = $1 AND owner = $2 FOR SHARE', [
    documentId,
    lease.owner,
  ])
  if (rows.length === 1 && Number(rows[0]!.epoch) === lease.epoch) return
  fence.refused(documentId, lease)
  throw new StaleOwnerError(documentId, lease.epoch)
}

/**
 * Runs `fn` in one transaction that first checks the fence for `documentId` (when the store has one):
 * either the whole write happens while this instance owns the draft, or none of it.
 */
export async function inFencedTransaction<T>(pool: pg.Pool, fence: WriteFence | null, documentId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const lease = fence ? await fence.leaseFor(documentId) : null
  return inTransaction(pool, async (tx) => {
    if (fence && lease) await checkFence(tx, fence, documentId, lease)
    return fn(tx)
  })
}
