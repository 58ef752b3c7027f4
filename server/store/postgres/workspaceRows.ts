import type pg from 'pg'
import type { Participant } from '../../../shared/types'
import type { Credential, Settings } from '../Store'
import { inTransaction } from './pool'

/** Participants, credentials and settings in PostgreSQL: small, rarely written, shared by every instance. */
export class WorkspaceRows {
  constructor(private readonly pool: pg.Pool) {}

  async listParticipants(): Promise<Participant[]> {
    const { rows } = await this.pool.query<{ data: string }>('SELECT data FROM participants ORDER BY position')
    return rows.map((r) => JSON.parse(r.data) as Participant)
  }

  async getParticipant(id: string): Promise<Participant | undefined> {
    const { rows } = await this.pool.query<{ data: string }>('SELECT data FROM participants WHERE id = $1', [id])
    return rows[0] && (JSON.parse(rows[0].data) as Participant)
  }

  async putParticipant(participant: Participant): Promise<void> {
    await this.pool.query('INSERT INTO participants (id, data) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data', [
      participant.id,
      JSON.stringify(participant),
    ])
  }

  async putCredential(c: Credential): Promise<void> {
    await this.pool.query(
      `INSERT INTO credentials (hash, participant_id, kind, data) VALUES ($1, $2, $3, $4)
       ON CONFLICT (hash) DO UPDATE SET participant_id = EXCLUDED.participant_id, kind = EXCLUDED.kind, data = EXCLUDED.data`,
      [c.hash, c.participantId, c.kind, JSON.stringify(c)],
    )
  }

  async findCredential(hash: string): Promise<Credential | undefined> {
    const { rows } = await this.pool.query<{ data: string }>('SELECT data FROM credentials WHERE hash = $1', [hash])
    return rows[0] && (JSON.parse(rows[0].data) as Credential)
  }

  async listCredentials(): Promise<Credential[]> {
    const { rows } = await this.pool.query<{ data: string }>('SELECT data FROM credentials ORDER BY hash')
    return rows.map((r) => JSON.parse(r.data) as Credential)
  }

  async deleteCredential(hash: string): Promise<void> {
    await this.pool.query('DELETE FROM credentials WHERE hash = $1', [hash])
  }

  async deleteCredentialsOf(participantId: string, kind?: Credential['kind']): Promise<void> {
    if (kind === undefined) await this.pool.query('DELETE FROM credentials WHERE participant_id = $1', [participantId])
    else await this.pool.query('DELETE FROM credentials WHERE participant_id = $1 AND kind = $2', [participantId, kind])
  }

  /** Sets `usedAt` on an unused credential in one statement: of concurrent callers (any instance), one wins. */
  async markCredentialUsed(hash: string, usedAt: string): Promise<boolean> {
    return inTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<{ data: string }>('SELECT data FROM credentials WHERE hash = $1 FOR UPDATE', [hash])
      const current = rows[0] && (JSON.parse(rows[0].data) as Credential)
      if (!current || current.usedAt) return false
      await tx.query('UPDATE credentials SET data = $2 WHERE hash = $1', [hash, JSON.stringify({ ...current, usedAt })])
      return true
    })
  }

  async getSettings(): Promise<Settings> {
    const { rows } = await this.pool.query<{ key: string; value: string }>('SELECT key, value FROM settings')
    return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as Settings[string]]))
  }

  async putSettings(patch: Settings): Promise<void> {
    const keys = Object.keys(patch)
    if (keys.length === 0) return
    await this.pool.query(
      `INSERT INTO settings (key, value) SELECT * FROM unnest($1::text[], $2::text[])
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      [keys, keys.map((k) => JSON.stringify(patch[k]))],
    )
  }
}
