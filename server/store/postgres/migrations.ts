import type pg from 'pg'
import { inTransaction } from './pool'

/** One step of the schema, applied once, in order; never edited after release (add a new step instead). */
export interface Migration {
  id: string
  sql: string
}

/**
 * Accord's tables, one concern per step. JSON records are stored as text (JSON.stringify), not jsonb:
 * jsonb refuses "\u0000", which text from a draft may contain, and the store never queries inside them.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    id: '001-workspace',
    sql: `
      -- position keeps the order of creation, as the embedded store lists them.
      CREATE TABLE participants (id text PRIMARY KEY, position bigserial, data text NOT NULL);
      CREATE TABLE credentials (
        hash text PRIMARY KEY,
        participant_id text NOT NULL,
        kind text NOT NULL,
        data text NOT NULL
      );
      CREATE INDEX credentials_participant ON credentials (participant_id, kind);
      CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL);`,
  },
  {
    id: '002-documents',
    sql: `
      CREATE TABLE documents (id text PRIMARY KEY, position bigserial, data text NOT NULL);
      -- The state is the snapshot (covering updates up to snapshot_seq) plus the rows after it.
      CREATE TABLE document_state (
        document_id text PRIMARY KEY REFERENCES documents (id),
        snapshot bytea NOT NULL,
        snapshot_seq bigint NOT NULL,
        last_seq bigint NOT NULL,
        rows_bytes bigint NOT NULL DEFAULT 0
      );
      CREATE TABLE document_updates (
        document_id text NOT NULL REFERENCES documents (id),
        seq bigint NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (document_id, seq)
      );`,
  },
  {
    id: '003-comments',
    sql: `
      CREATE TABLE comments (
        document_id text NOT NULL REFERENCES documents (id),
        id text NOT NULL,
        rev integer NOT NULL,
        data text NOT NULL,
        PRIMARY KEY (document_id, id)
      );
      -- The highest public sequence per draft and org ("NO-003" → 3), moved in the comment's transaction.
      CREATE TABLE comment_counters (
        document_id text NOT NULL REFERENCES documents (id),
        org text NOT NULL,
        last integer NOT NULL,
        PRIMARY KEY (document_id, org)
      );`,
  },
  {
    id: '004-history',
    sql: `
      CREATE TABLE versions (
        document_id text NOT NULL REFERENCES documents (id),
        id text NOT NULL,
        version text NOT NULL,
        state bytea NOT NULL,
        draft text NOT NULL,
        PRIMARY KEY (document_id, id)
      );
      CREATE TABLE draft_authors (
        document_id text NOT NULL REFERENCES documents (id),
        client_id text NOT NULL,
        author text NOT NULL,
        PRIMARY KEY (document_id, client_id)
      );`,
  },
  {
    id: '005-scale-out',
    sql: `
      -- One owner instance per draft; epoch goes up at every takeover and fences every write.
      CREATE TABLE draft_leases (
        document_id text PRIMARY KEY,
        owner text NOT NULL,
        address text NOT NULL,
        epoch bigint NOT NULL,
        expires_at timestamptz NOT NULL
      );
      -- Token buckets shared by every instance (sign-in attempts per client address).
      CREATE TABLE rate_limits (key text PRIMARY KEY, tokens double precision NOT NULL, updated_at timestamptz NOT NULL);`,
  },
  {
    id: '006-notifications',
    sql: `
      -- The outbox: one row per event, recipient and channel (the id); the fields it is listed by as columns.
      CREATE TABLE notifications (
        id text PRIMARY KEY,
        document_id text NOT NULL REFERENCES documents (id),
        recipient_id text NOT NULL,
        channel text NOT NULL,
        state text,
        event_id text NOT NULL,
        -- The e-mail it goes out in (its own id, or a digest's): what a sender claims.
        mail_id text NOT NULL,
        -- An instance sending it holds it until then (database clock); another takes over after.
        claimed_until timestamptz,
        data text NOT NULL
      );
      CREATE INDEX notifications_recipient ON notifications (recipient_id, channel);
      CREATE INDEX notifications_event ON notifications (document_id, event_id);
      CREATE INDEX notifications_pending ON notifications (mail_id) WHERE state = 'pending';`,
  },
]

/** Any fixed number: instances starting together take turns migrating. */
const MIGRATION_LOCK = 7_391_002

/** Brings the database's schema up to date (instances starting at once wait for each other). */
export async function migrate(pool: pg.Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<void> {
  await inTransaction(pool, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await tx.query('CREATE TABLE IF NOT EXISTS accord_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())')
    const done = new Set((await tx.query<{ id: string }>('SELECT id FROM accord_migrations')).rows.map((r) => r.id))
    for (const m of migrations) {
      if (done.has(m.id)) continue
      await tx.query(m.sql)
      await tx.query('INSERT INTO accord_migrations (id) VALUES ($1)', [m.id])
    }
  })
}
