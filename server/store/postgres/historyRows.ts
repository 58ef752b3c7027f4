import type pg from 'pg'
import type { DraftAuthors, PersonRef, Version } from '../../../shared/types'
import { oldestFirst } from '../files/versionFiles'
import type { StoredVersion } from '../Store'
import { type WriteFence, inFencedTransaction } from './fence'
import { type Tx, UNIQUE_VIOLATION, sqlState } from './pool'
import { bytea, bytesOf } from './documentRows'

async function requireDocument(tx: Tx, id: string): Promise<void> {
  const { rowCount } = await tx.query('SELECT 1 FROM documents WHERE id = $1', [id])
  if (rowCount === 0) throw new Error(`document ${id} does not exist`)
}

/** Versions (immutable full states) and the record of who typed with which Yjs clientID. */
export class HistoryRows {
  constructor(
    private readonly pool: pg.Pool,
    private readonly fence: WriteFence | null,
  ) {}

  async putVersion({ version, state, draft }: StoredVersion): Promise<void> {
    try {
      await inFencedTransaction(this.pool, this.fence, version.documentId, async (tx) => {
        await requireDocument(tx, version.documentId)
        await tx.query('INSERT INTO versions (document_id, id, version, state, draft) VALUES ($1, $2, $3, $4, $5)', [
          version.documentId,
          version.id,
          JSON.stringify(version),
          bytea(state),
          JSON.stringify(draft),
        ])
      })
    } catch (err) {
      if (sqlState(err) === UNIQUE_VIOLATION) throw new Error(`version ${version.id} already exists`)
      throw err
    }
  }

  async listVersions(documentId: string): Promise<Version[]> {
    const { rows } = await this.pool.query<{ version: string }>('SELECT version FROM versions WHERE document_id = $1', [documentId])
    return rows.map((r) => JSON.parse(r.version) as Version).sort(oldestFirst)
  }

  async getVersion(documentId: string, versionId: string): Promise<StoredVersion | undefined> {
    const { rows } = await this.pool.query<{ version: string; state: Buffer; draft: string }>(
      'SELECT version, state, draft FROM versions WHERE document_id = $1 AND id = $2',
      [documentId, versionId],
    )
    const row = rows[0]
    return row && { version: JSON.parse(row.version) as Version, state: bytesOf(row.state), draft: JSON.parse(row.draft) as unknown }
  }

  async getDraftAuthors(documentId: string): Promise<DraftAuthors> {
    const { rows } = await this.pool.query<{ client_id: string; author: string }>('SELECT client_id, author FROM draft_authors WHERE document_id = $1', [
      documentId,
    ])
    return Object.fromEntries(rows.map((r) => [r.client_id, JSON.parse(r.author) as PersonRef]))
  }

  async addDraftAuthors(documentId: string, authors: DraftAuthors): Promise<void> {
    const clients = Object.keys(authors)
    await inFencedTransaction(this.pool, this.fence, documentId, async (tx) => {
      await requireDocument(tx, documentId)
      if (clients.length === 0) return
      // The first record of a clientID stays.
      await tx.query(
        `INSERT INTO draft_authors (document_id, client_id, author) SELECT $1, * FROM unnest($2::text[], $3::text[])
         ON CONFLICT (document_id, client_id) DO NOTHING`,
        [documentId, clients, clients.map((c) => JSON.stringify(authors[c]))],
      )
    })
  }
}
