import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { Role } from '../../../shared/types'
import { silentLogger } from '../../../server/logger'
import { ParticipantService } from '../../../server/participants/ParticipantService'
import { PostgresStore } from '../../../server/store/postgres/PostgresStore'
import { freePort } from '../../helpers/freePort'
import { type ServerProcess, spawnServer } from '../../helpers/serverProcess'
import { LoadBalancer } from './loadBalancer'
import type { PostgresServer } from './postgresServer'
import { RedisServer } from './redisServer'
import { TcpProxy } from './tcpProxy'

/** One Accord process of a cluster; it keeps its port across restarts. */
export class AccordInstance {
  proc: ServerProcess | null = null
  /** Everything it logged, across restarts. */
  private logs = ''

  constructor(
    readonly index: number,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly dataDir: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  async start(): Promise<void> {
    const proc = spawnServer(this.dataDir, { ...this.env, PORT: String(this.port) })
    this.proc = proc
    await proc.ready
  }

  /** Everything the process wrote to stderr and stdout (JSON log lines), this run and earlier ones. */
  log(): string {
    return this.logs + (this.proc ? this.proc.stdout() + this.proc.stderr() : '')
  }

  get running(): boolean {
    return this.proc !== null && this.proc.child.exitCode === null && this.proc.child.signalCode === null
  }

  private async ended(signal: NodeJS.Signals): Promise<void> {
    const proc = this.proc
    if (!proc || !this.running) return
    proc.child.kill(signal)
    await proc.exited
    this.logs += proc.stdout() + proc.stderr()
    this.proc = null
  }

  /** kill -9: no shutdown code runs, leases are left to expire. */
  kill9(): Promise<void> {
    return this.ended('SIGKILL')
  }

  /** SIGTERM: a clean shutdown (drafts written, leases given back). */
  stop(): Promise<void> {
    return this.ended('SIGTERM')
  }

  /** SIGSTOP: the process stops dead, sockets stay open (a long GC pause, a VM frozen). */
  pause(): void {
    this.proc?.child.kill('SIGSTOP')
  }

  resume(): void {
    this.proc?.child.kill('SIGCONT')
  }
}

export interface ClusterOptions {
  instances: number
  /** Start a Redis server (behind a proxy) and give the instances REDIS_URL. */
  redis?: boolean
  /** LEASE_MS for the instances (short, so takeovers happen within a test). */
  leaseMs?: number
  /** More environment for every instance (e.g. SMTP_URL). */
  env?: Record<string, string>
  /** Runs on the empty database (reached directly) before any instance starts. */
  beforeStart?: (directDatabaseUrl: string) => Promise<void>
}

/**
 * N Accord instances as processes on one PostgreSQL database (and optionally Redis), each reached
 * through a TCP proxy the test can cut, delay or black-hole; a load balancer in front of the instances.
 */
export class ScaleCluster {
  private constructor(
    readonly postgres: PostgresServer,
    /** The database as the instances reach it: through `pgProxy`. */
    readonly databaseUrl: string,
    /** The database directly (the test's own reads and set-up). */
    readonly directDatabaseUrl: string,
    readonly pgProxy: TcpProxy,
    readonly redis: RedisServer | null,
    readonly redisProxy: TcpProxy | null,
    readonly instances: AccordInstance[],
    readonly balancer: LoadBalancer,
    private readonly dataDir: string,
  ) {}

  static async start(postgres: PostgresServer, options: ClusterOptions): Promise<ScaleCluster> {
    const direct = await postgres.createDatabase('cluster')
    await options.beforeStart?.(direct)
    const pgProxy = await TcpProxy.start({ host: '127.0.0.1', port: postgres.port })
    const databaseUrl = direct.replace(`:${postgres.port}/`, `:${pgProxy.port}/`)
    const redis = options.redis ? await RedisServer.start() : null
    const redisProxy = redis ? await TcpProxy.start({ host: '127.0.0.1', port: redis.port }) : null
    const dataDir = mkdtempSync(join(tmpdir(), 'accord-cluster-'))
    const env: Record<string, string> = {
      DATABASE_URL: databaseUrl,
      ...(redisProxy ? { REDIS_URL: `redis://127.0.0.1:${redisProxy.port}` } : {}),
      ...(options.leaseMs ? { LEASE_MS: String(options.leaseMs) } : {}),
      ...options.env,
    }
    const instances: AccordInstance[] = []
    for (let i = 0; i < options.instances; i++) instances.push(new AccordInstance(i, await freePort(), env, dataDir))
    // All at once, as after a deployment: they must agree on one first chair and one demo draft.
    await Promise.all(instances.map((i) => i.start()))
    const balancer = await LoadBalancer.start(instances.map((i) => i.port))
    return new ScaleCluster(postgres, databaseUrl, direct, pgProxy, redis, redisProxy, instances, balancer, dataDir)
  }

  /** A participant with an API token, made in the database (every instance sees it at once). */
  async person(role: Role, name = `${role} user`, org = 'NO', email?: string): Promise<{ id: string; token: string }> {
    const store = PostgresStore.connect(this.directDatabaseUrl, silentLogger)
    try {
      const participants = new ParticipantService(store)
      const p = await participants.findOrCreate({ name, org, role, ...(email ? { email } : {}) })
      return { id: p.id, token: await participants.createApiToken(p.id) }
    } finally {
      await store.close()
    }
  }

  async token(role: Role, name = `${role} user`, org = 'NO'): Promise<string> {
    return (await this.person(role, name, org)).token
  }

  /** Runs one query on the database directly. */
  async query<R extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<R[]> {
    const client = new pg.Client({ connectionString: this.directDatabaseUrl })
    await client.connect()
    try {
      return (await client.query<R>(sql, values)).rows
    } finally {
      await client.end()
    }
  }

  /** The instance holding the draft's live lease, and its epoch; null when nobody does. */
  async ownerOf(documentId: string): Promise<{ instance: AccordInstance; epoch: number } | null> {
    const [row] = await this.query<{ address: string; epoch: string; live: boolean }>(
      'SELECT address, epoch, expires_at > now() AS live FROM draft_leases WHERE document_id = $1',
      [documentId],
    )
    const instance = row?.live ? this.instances.find((i) => i.url === row.address) : undefined
    return instance ? { instance, epoch: Number(row!.epoch) } : null
  }

  async destroy(): Promise<void> {
    for (const i of this.instances) {
      i.resume()
      await i.kill9()
    }
    await this.balancer.close()
    await this.pgProxy.close()
    await this.redisProxy?.close()
    await this.redis?.destroy()
    rmSync(this.dataDir, { recursive: true, force: true })
  }
}
