import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { newId } from '../../../server/auth/secrets'
import { silentLogger } from '../../../server/logger'
import { ParticipantService } from '../../../server/participants/ParticipantService'
import { PostgresStore } from '../../../server/store/postgres/PostgresStore'
import type { Store } from '../../../server/store/Store'
import { type ServerProcess, spawnServer } from '../../helpers/serverProcess'
import type { PostgresServer } from '../../scale/helpers/postgresServer'
import { BenchWorkspace } from './workspace'

/** Accord as it runs in one configuration of the scale benchmark: its processes, drafts and a token. */
export interface AccordSetup {
  label: string
  /** The instances' base URLs, in order. */
  urls: string[]
  pids: number[]
  drafts: string[]
  token: string
  /** Which instance owns each draft now (always 0 on the embedded store). */
  owners(): Promise<Map<string, number>>
  kill9(instance: number): Promise<void>
  stop(): Promise<void>
}

async function fillWorkspace(store: Store, drafts: number, state: Uint8Array): Promise<{ ids: string[]; token: string }> {
  await store.putSettings({ seeded: true })
  const participants = new ParticipantService(store)
  const editor = await participants.create({ name: 'Bench Editor', org: 'NO', role: 'editor' })
  const token = await participants.createApiToken(editor.id)
  const ids: string[] = []
  const now = new Date().toISOString()
  for (let i = 0; i < drafts; i++) {
    const id = newId()
    await store.createDocument({ id, title: `Scale ${i + 1}`, createdAt: now, updatedAt: now, phase: 'drafting', round: 1 }, state)
    ids.push(id)
  }
  return { ids, token }
}

async function startAll(dataDir: string, count: number, env: Record<string, string>): Promise<ServerProcess[]> {
  const procs = Array.from({ length: count }, () => spawnServer(dataDir, env))
  await Promise.all(procs.map((p) => p.ready))
  return procs
}

async function stopAll(procs: readonly ServerProcess[]): Promise<void> {
  for (const p of procs) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM')
    await p.exited
  }
}

/** One Accord process on the embedded store (the baseline): the same drafts and clients, no PostgreSQL. */
export async function embeddedSetup(drafts: number, state: Uint8Array): Promise<AccordSetup> {
  const ws = await BenchWorkspace.create()
  const { ids, token } = await fillWorkspace(ws.store, drafts, state)
  await ws.close()
  const procs = await startAll(ws.dataDir, 1, {})
  return {
    label: 'embedded, 1 process',
    urls: procs.map((p) => p.url),
    pids: procs.map((p) => p.child.pid!),
    drafts: ids,
    token,
    owners: async () => new Map(ids.map((id) => [id, 0])),
    kill9: async () => undefined,
    async stop() {
      await stopAll(procs)
      ws.remove()
    },
  }
}

/** `count` instances on a fresh PostgreSQL database, with Redis. */
export async function scaleSetup(postgres: PostgresServer, redisUrl: string, count: number, drafts: number, state: Uint8Array): Promise<AccordSetup> {
  const databaseUrl = await postgres.createDatabase('bench')
  const store = PostgresStore.connect(databaseUrl, silentLogger)
  await store.open()
  const { ids, token } = await fillWorkspace(store, drafts, state)
  await store.close()
  const dataDir = mkdtempSync(join(tmpdir(), 'accord-bench-scale-'))
  const procs = await startAll(dataDir, count, { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl })
  const urls = procs.map((p) => p.url)
  return {
    label: `${count} instance${count > 1 ? 's' : ''}, PostgreSQL + Redis`,
    urls,
    pids: procs.map((p) => p.child.pid!),
    drafts: ids,
    token,
    async owners() {
      const client = new pg.Client({ connectionString: databaseUrl })
      await client.connect()
      try {
        const { rows } = await client.query<{ document_id: string; address: string }>('SELECT document_id, address FROM draft_leases WHERE expires_at > now()')
        return new Map(rows.map((r) => [r.document_id, urls.indexOf(r.address)]))
      } finally {
        await client.end()
      }
    },
    async kill9(instance) {
      const p = procs[instance]!
      p.child.kill('SIGKILL')
      await p.exited
    },
    async stop() {
      await stopAll(procs)
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
