import type pg from 'pg'
import type { DocumentMeta } from '../../../shared/types'
import { type WriteFence, inFencedTransaction } from './fence'
import { UNIQUE_VIOLATION, inTransaction, sqlState } from './pool'

/** Rows after the snapshot beyond which the owner folds them into a new snapshot. */
export const COMPACT_AFTER_ROWS = 500
/** ... or bytes in those rows beyond the snapshot's own size (and this floor), as the disk store does. */
const MIN_COMPACTION_BYTES = 64 * 1024

/** A Uint8Array as the Buffer node-postgres sends as bytea (no copy). */
export const bytea = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength)

/** What the store hands out is a plain copy, not a Buffer that shares memory with the driver's. */
export const bytesOf = (b: Buffer): Uint8Array => new Uint8Array(b)

/**
 * Drafts in PostgreSQL: their records, and their Yjs state as a snapshot plus update rows numbered
 * without gaps per draft (the next number is read under the state row's lock, not from a sequence, which
 * would leave gaps on rollback). Appends and compaction are fenced writes of the draft's owner.
 */
export class DocumentRows {
  constructor(
    private readonly pool: pg.Pool,
    private readonly fence: WriteFence | null,
  ) {}

  async listDocuments(): Promise<DocumentMeta[]> {
    const { rows } = await this.pool.query<{ data: string }>('SELECT data FROM documents ORDER BY position')
    return rows.map((r) => JSON.parse(r.data) as DocumentMeta)
  }

  async getDocument(id: string): Promise<DocumentMeta | undefined> {
    const { rows } = await this.pool.query<{ data: string }>('SELECT data FROM documents WHERE id = $1', [id])
    return rows[0] && (JSON.parse(rows[0].data) as DocumentMeta)
  }

  async createDocument(meta: DocumentMeta, initialState: Uint8Array): Promise<void> {
    try {
      await inTransaction(this.pool, async (tx) => {
        await tx.query('INSERT INTO documents (id, data) VALUES ($1, $2)', [meta.id, JSON.stringify(meta)])
        await tx.query('INSERT INTO document_state (document_id, snapshot, snapshot_seq, last_seq) VALUES ($1, $2, 0, 0)', [meta.id, bytea(initialState)])
      })
    } catch (err) {
      if (sqlState(err) === UNIQUE_VIOLATION) throw new Error(`document ${meta.id} already exists`)
      throw err
    }
  }

  async putDocumentMeta(meta: DocumentMeta): Promise<void> {
    await inFencedTransaction(this.pool, this.fence, meta.id, async (tx) => {
      const { rowCount } = await tx.query('UPDATE documents SET data = $2 WHERE id = $1', [meta.id, JSON.stringify(meta)])
      if (rowCount === 0) throw new Error(`document ${meta.id} does not exist`)
    })
  }

  /** The snapshot, then every row after it, read in one statement (so one consistent view of both). */
  async loadDocumentState(id: string): Promise<Uint8Array[]> {
    const { rows } = await this.pool.query<{ data: Buffer }>(
      `SELECT data FROM (
         SELECT 0 AS part, 0::bigint AS seq, snapshot AS data FROM document_state WHERE document_id = $1
         UNION ALL
         SELECT 1, u.seq, u.data FROM document_updates u JOIN document_state s ON s.document_id = u.document_id
         WHERE u.document_id = $1 AND u.seq > s.snapshot_seq
       ) parts ORDER BY part, seq`,
      [id],
    )
    return rows.map((r) => bytesOf(r.data))
  }

  /**
   * Appends the updates as the next rows of the draft, in one fenced transaction; when the rows have
   * grown past the compaction rule, the same transaction replaces them by a snapshot of `fullState()`.
   */
  async appendDocumentUpdates(id: string, updates: readonly Uint8Array[], fullState: () => Uint8Array): Promise<void> {
    if (updates.length === 0) return
    await inFencedTransaction(this.pool, this.fence, id, async (tx) => {
      const { rows } = await tx.query<{ last_seq: string; snapshot_seq: string; rows_bytes: string; snapshot_bytes: number }>(
        'SELECT last_seq, snapshot_seq, rows_bytes, length(snapshot) AS snapshot_bytes FROM document_state WHERE document_id = $1 FOR UPDATE',
        [id],
      )
      const state = rows[0]
      if (!state) throw new Error(`document ${id} does not exist`)
      const first = Number(state.last_seq) + 1
      const last = first + updates.length - 1
      await tx.query(
        `INSERT INTO document_updates (document_id, seq, data)
         SELECT $1, $2::bigint + u.ord - 1, u.data FROM unnest($3::bytea[]) WITH ORDINALITY AS u (data, ord)`,
        [id, first, updates.map(bytea)],
      )
      const rowsBytes = Number(state.rows_bytes) + updates.reduce((n, u) => n + u.byteLength, 0)
      const rowCount = last - Number(state.snapshot_seq)
      if (rowCount >= COMPACT_AFTER_ROWS || rowsBytes > Math.max(state.snapshot_bytes, MIN_COMPACTION_BYTES)) {
        // The owner's live document holds every row (it wrote them), so its state replaces them all.
        await tx.query('UPDATE document_state SET snapshot = $2, snapshot_seq = $3, last_seq = $3, rows_bytes = 0 WHERE document_id = $1', [
          id,
          bytea(fullState()),
          last,
        ])
        await tx.query('DELETE FROM document_updates WHERE document_id = $1 AND seq <= $2', [id, last])
      } else {
        await tx.query('UPDATE document_state SET last_seq = $2, rows_bytes = $3 WHERE document_id = $1', [id, last, rowsBytes])
      }
    })
  }
}
