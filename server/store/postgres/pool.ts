import pg from 'pg'
import type { Logger } from '../../logger'

/** Timeouts for every connection Accord opens to PostgreSQL (ms). */
export interface PostgresTimeouts {
  /** Opening a connection; while the database is unreachable, writes fail after this and are retried. */
  connectMs: number
  /** A query that gets no answer (the network to the database is cut) fails after this, client side. */
  queryMs: number
  /**
   * The database ends a session left idle inside a transaction this long: an owner paused mid-transaction
   * (SIGSTOP, a long GC) cannot keep the rows it locked from the instance taking its drafts over.
   */
  idleInTransactionMs: number
}

export const DEFAULT_POSTGRES_TIMEOUTS: PostgresTimeouts = { connectMs: 5000, queryMs: 15_000, idleInTransactionMs: 5000 }

/** A pool of connections to DATABASE_URL with Accord's timeouts; a dropped idle connection is logged, not fatal. */
export function createPool(url: string, logger: Logger, options: { max?: number; name?: string; timeouts?: Partial<PostgresTimeouts> } = {}): pg.Pool {
  const t = { ...DEFAULT_POSTGRES_TIMEOUTS, ...options.timeouts }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.name ?? 'accord',
    connectionTimeoutMillis: t.connectMs,
    query_timeout: t.queryMs,
    idle_in_transaction_session_timeout: t.idleInTransactionMs,
    keepAlive: true,
    idleTimeoutMillis: 30_000,
  })
  // An idle pooled connection that the server closes (restart, failover) emits here; without a listener
  // the process would exit. The next query opens a new connection.
  pool.on('error', (err) => logger.warn('database connection lost', { error: err.message }))
  return pool
}

/** A connection inside a transaction. */
export type Tx = pg.PoolClient

/** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  let broken = false
  try {
    await client.query('BEGIN')
    const result = await fn(client)
    await client.query('COMMIT')
    return result
  } catch (err) {
    // A connection that failed mid-transaction (timeout, reset) must not go back to the pool.
    await client.query('ROLLBACK').catch(() => {
      broken = true
    })
    throw err
  } finally {
    client.release(broken)
  }
}

/** PostgreSQL's SQLSTATE for a unique key that is taken. */
export const UNIQUE_VIOLATION = '23505'

export const sqlState = (err: unknown): string | undefined => (err as { code?: string } | null)?.code

/** Network errors of a connection to the database that cannot be made or was lost. */
const CONNECTION_ERRORS: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE'])

/**
 * Whether an error means PostgreSQL cannot be reached or is restarting (nothing was written; trying again
 * later works): connection errors, SQLSTATE class 08, an administrator's shutdown (57P01–57P03), and
 * node-postgres's own timeouts and lost connections.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const code = sqlState(err)
  if (code && (CONNECTION_ERRORS.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code))) return true
  const message = err instanceof Error ? err.message : ''
  return /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error/.test(message)
}
