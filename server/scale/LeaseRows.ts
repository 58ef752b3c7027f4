import type pg from 'pg'

/** Who holds a draft's lease, by the database's clock. */
export interface LeaseHolder {
  owner: string
  address: string
  epoch: number
  /** The lease has not expired. */
  live: boolean
}

/**
 * The `draft_leases` table: one row per draft naming its owner instance, the address others forward
 * to, an epoch raised at every takeover, and an expiry set from the database's clock (instances' clocks
 * never decide who owns what).
 */
export class LeaseRows {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * Takes the draft for `owner` when nobody holds it, its lease has expired, or `owner` itself holds it.
   * Taken from another owner, the epoch goes up, so every write made under an earlier one is refused;
   * taken back by the same owner with nobody in between, it stays (its writes in flight remain valid).
   * Otherwise says who holds it. A draft that does not exist is not taken (no lease rows for made-up ids).
   */
  async take(documentId: string, owner: string, address: string, ttlMs: number): Promise<{ epoch: number } | { holder: LeaseHolder } | { missing: true }> {
    const { rows } = await this.pool.query<{ epoch: string }>(
      `INSERT INTO draft_leases AS l (document_id, owner, address, epoch, expires_at)
       SELECT $1, $2, $3, 1, now() + $4 * interval '1 millisecond' WHERE EXISTS (SELECT 1 FROM documents WHERE id = $1)
       ON CONFLICT (document_id) DO UPDATE
         SET owner = EXCLUDED.owner, address = EXCLUDED.address, expires_at = EXCLUDED.expires_at,
             epoch = CASE WHEN l.owner = EXCLUDED.owner THEN l.epoch ELSE l.epoch + 1 END
         WHERE l.expires_at < now() OR l.owner = EXCLUDED.owner
       RETURNING epoch`,
      [documentId, owner, address, ttlMs],
    )
    if (rows[0]) return { epoch: Number(rows[0].epoch) }
    const holder = await this.holder(documentId)
    if (!holder) return { missing: true }
    return { holder }
  }

  async holder(documentId: string): Promise<LeaseHolder | null> {
    const { rows } = await this.pool.query<{ owner: string; address: string; epoch: string; live: boolean }>(
      'SELECT owner, address, epoch, expires_at > now() AS live FROM draft_leases WHERE document_id = $1',
      [documentId],
    )
    const row = rows[0]
    return row ? { owner: row.owner, address: row.address, epoch: Number(row.epoch), live: row.live } : null
  }

  /** Extends the leases `owner` still holds at these epochs; returns the drafts it renewed (the rest are lost). */
  async renew(owner: string, leases: readonly { documentId: string; epoch: number }[], ttlMs: number): Promise<Set<string>> {
    if (leases.length === 0) return new Set()
    const { rows } = await this.pool.query<{ document_id: string }>(
      `UPDATE draft_leases AS l SET expires_at = now() + $2 * interval '1 millisecond'
       FROM unnest($3::text[], $4::bigint[]) AS held (document_id, epoch)
       WHERE l.document_id = held.document_id AND l.epoch = held.epoch AND l.owner = $1
       RETURNING l.document_id`,
      [owner, ttlMs, leases.map((l) => l.documentId), leases.map((l) => l.epoch)],
    )
    return new Set(rows.map((r) => r.document_id))
  }

  /** Ends a lease at once (the draft was written and unloaded), keeping its epoch for the next owner to raise. */
  async release(documentId: string, owner: string, epoch: number): Promise<void> {
    await this.pool.query("UPDATE draft_leases SET expires_at = '-infinity' WHERE document_id = $1 AND owner = $2 AND epoch = $3", [documentId, owner, epoch])
  }
}
