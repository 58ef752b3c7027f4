import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { chownSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { freePort } from '../../helpers/freePort'
import { postgresBinDir } from './binaries'

/** PostgreSQL refuses to run as root: as root, its programs run as this system user (Debian's). */
const POSTGRES_USER = 'postgres'
const SUPERUSER = 'accord'

/** The uid and gid to run PostgreSQL's programs with: the postgres user's when we are root, else our own. */
function runAs(): { uid: number; gid: number } | null {
  if (userInfo().uid !== 0) return null
  const id = (flag: string) => Number(execFileSync('id', [flag, POSTGRES_USER], { encoding: 'utf8', stdio: 'pipe' }).trim())
  try {
    return { uid: id('-u'), gid: id('-g') }
  } catch {
    throw new Error(`running as root, and there is no "${POSTGRES_USER}" user to run PostgreSQL as`)
  }
}

async function waitUntilAccepting(url: string, timeoutMs: number, exited: () => boolean, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 })
    try {
      await client.connect()
      await client.query('SELECT 1')
      return
    } catch (err) {
      if (exited()) throw new Error(`PostgreSQL exited while starting:\n${log()}`)
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections within ${timeoutMs} ms (${String(err)}):\n${log()}`)
      await new Promise((r) => setTimeout(r, 100))
    } finally {
      await client.end().catch(() => undefined)
    }
  }
}

/**
 * A PostgreSQL server of the tests' own: a fresh cluster in a temporary directory, on a free port on
 * 127.0.0.1, trust authentication for user "accord". Stop, kill and start it again on the same port and
 * data (restart tests); `destroy` removes everything.
 */
export class PostgresServer {
  private child: ChildProcess | null = null
  private output = ''
  private exited = false
  private databases = 0

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bin: string,
    private readonly user: { uid: number; gid: number } | null,
  ) {}

  static async start(): Promise<PostgresServer> {
    const bin = postgresBinDir()
    if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql)')
    const user = runAs()
    const dir = mkdtempSync(join(tmpdir(), 'accord-pg-'))
    if (user) chownSync(dir, user.uid, user.gid)
    execFileSync(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], {
      ...(user ?? {}),
      stdio: 'pipe',
    })
    const server = new PostgresServer(dir, await freePort(), bin, user)
    await server.start()
    return server
  }

  /** A connection URL for a database on this server. */
  url(database = 'postgres'): string {
    return `postgres://${SUPERUSER}@127.0.0.1:${this.port}/${database}`
  }

  /** A new empty database; returns its URL. */
  async createDatabase(prefix = 'accord'): Promise<string> {
    const name = `${prefix}_${process.pid}_${++this.databases}`
    const client = new pg.Client({ connectionString: this.url() })
    await client.connect()
    try {
      await client.query(`CREATE DATABASE ${name}`)
    } finally {
      await client.end()
    }
    return this.url(name)
  }

  /** Starts the server (again) on its port and data. */
  async start(): Promise<void> {
    if (this.child && !this.exited) return
    this.exited = false
    this.output = ''
    const child = spawn(
      join(this.bin, 'postgres'),
      ['-D', join(this.dir, 'data'), '-p', String(this.port), '-k', this.dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'shared_buffers=64MB'],
      { ...(this.user ?? {}), stdio: ['ignore', 'pipe', 'pipe'] },
    )
    child.stdout!.on('data', (d: Buffer) => (this.output += d.toString()))
    child.stderr!.on('data', (d: Buffer) => (this.output += d.toString()))
    child.once('exit', () => (this.exited = true))
    this.child = child
    await waitUntilAccepting(this.url(), 30_000, () => this.exited, () => this.output)
  }

  /** Stops the server: `fast` as an administrator would (sessions ended, clean), `immediate` like a crash. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    const child = this.child
    if (!child || this.exited) return
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill(mode === 'fast' ? 'SIGINT' : 'SIGQUIT')
    await gone
  }

  /** The postmaster's process id (its backends are its children), while it runs. */
  get pid(): number | null {
    return this.child && !this.exited ? (this.child.pid ?? null) : null
  }

  /** The server's log so far (for a failing test's message). */
  log(): string {
    return this.output
  }

  async destroy(): Promise<void> {
    await this.stop('immediate').catch(() => undefined)
    rmSync(this.dir, { recursive: true, force: true })
  }
}
