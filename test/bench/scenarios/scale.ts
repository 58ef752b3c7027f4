import { missingScaleBinaries } from '../../scale/helpers/binaries'
import { PostgresServer } from '../../scale/helpers/postgresServer'
import { RedisServer } from '../../scale/helpers/redisServer'
import { demoState } from '../lib/drafts'
import { childPids, sampleProcess, waitQuiet } from '../lib/procStats'
import { type BenchResult, info, requiring } from '../lib/results'
import { type AccordSetup, embeddedSetup, scaleSetup } from '../lib/scaleSetup'
import { nowMs, p50p99, sleep } from '../lib/stats'
import { type Worker, startWorkers, stopWorkers } from '../lib/workers'
import type { ScaleClientSpec } from './scale.worker'
import type { ScenarioOptions } from './types'

const WORKER = new URL('./scale.worker.ts', import.meta.url).pathname
const DRAFTS = 40
const CLIENTS_PER_DRAFT = 5
const KEYS_PER_SECOND = 2
const CLIENT_PROCESSES = 4
/** After the last keystroke: "saved" needs the 1 s debounce, the write and the way back. */
const DRAIN_MS = 4000
/** The instances run with the default lease (6 s): the failover figure is what production gets. */
const DEFAULT_LEASE_MS = 6000

/** Where each client is connected, and whether that instance owns its draft. */
interface Placement {
  room: string
  instance: number
  onOwner: boolean
}

interface LoadFigures {
  keystrokes: number
  deliveredShare: number
  savedShare: number
  peer: { p50: number; p99: number }
  saved: { p50: number; p99: number }
  /** Keystroke→peer p50: typist and receiver on the owner, vs. receiver on another instance (typist on the owner). */
  peerDirectP50: number
  peerForwardedP50: number
  /** Keystroke→saved p50 for typists on the owner vs. on another instance. */
  savedDirectP50: number
  savedForwardedP50: number
  /** CPU ms per keystroke of each Accord process, and of PostgreSQL (all its processes) and Redis. */
  cpuPerUpdate: number[]
  postgresCpuPerUpdate: number | null
  redisCpuPerUpdate: number | null
}

const percentiles = (values: number[]) => {
  const { p50, p99 } = p50p99(values)
  return { p50, p99 }
}

/** CPU ms used so far by each process in `pids` (and PostgreSQL's backends, children of its postmaster). */
function cpuOf(pids: readonly number[]): Map<number, number> {
  const out = new Map<number, number>()
  for (const pid of pids) {
    try {
      out.set(pid, sampleProcess(pid).cpuMs)
    } catch {
      // ended
    }
  }
  return out
}

const cpuDelta = (before: Map<number, number>, after: Map<number, number>) => [...after].reduce((sum, [pid, ms]) => sum + ms - (before.get(pid) ?? 0), 0)

function collect(workers: readonly Worker[], command: string, args: unknown = {}): Promise<Float64Array[]> {
  return Promise.all(workers.map((w) => w.call<Float64Array>(command, args)))
}

/** Connects 40 × 5 clients over the instances, lets them type, measures every delivery and every "saved". */
export async function runLoad(
  setup: AccordSetup,
  infra: { postgres: number | null; redis: number | null },
  durationMs: number,
  failover: boolean,
): Promise<{ figures: LoadFigures; failoverMs: number[] }> {
  const n = setup.urls.length
  const specs: ScaleClientSpec[] = []
  const placement: Placement[] = []
  setup.drafts.forEach((room, d) => {
    for (let j = 0; j < CLIENTS_PER_DRAFT; j++) {
      const instance = (d + j) % n
      specs.push({ index: d * CLIENTS_PER_DRAFT + j, wsUrl: `${setup.urls[instance]!.replace(/^http/, 'ws')}/collab`, room, token: setup.token, textIndex: j })
      placement.push({ room, instance, onOwner: true })
    }
  })
  const workers = startWorkers(WORKER, CLIENT_PROCESSES, `scale-${n}`)
  try {
    const share = (w: number, first: boolean) => specs.filter((s) => s.index % CLIENT_PROCESSES === w && (s.index % CLIENTS_PER_DRAFT === 0) === first)
    // The first client of each draft connects first: draft d is then owned by instance d mod n.
    await Promise.all(workers.map((w, i) => w.call('connect', { clients: share(i, true) })))
    await Promise.all(workers.map((w, i) => w.call('connect', { clients: share(i, false) })))
    const owners = await setup.owners()
    for (const p of placement) p.onOwner = owners.get(p.room) === p.instance
    const postgresPids = () => (infra.postgres ? [infra.postgres, ...childPids(infra.postgres)] : [])
    await waitQuiet([...setup.pids, ...workers.map((w) => w.pid)])
    const before = cpuOf([...setup.pids, ...postgresPids(), ...(infra.redis ? [infra.redis] : [])])
    const sendParts = await collect(workers, 'type', { durationMs, keysPerSecond: KEYS_PER_SECOND })
    const after = cpuOf([...setup.pids, ...postgresPids(), ...(infra.redis ? [infra.redis] : [])])
    await Promise.all(workers.map((w) => w.call('drain', { ms: DRAIN_MS })))

    const sentAt = new Map<number, { t: number; typist: number }>()
    for (const part of sendParts) for (let i = 0; i < part.length; i += 3) sentAt.set(part[i]!, { t: part[i + 1]!, typist: part[i + 2]! })
    const keystrokes = sentAt.size
    const peer: number[] = []
    const peerDirect: number[] = []
    const peerForwarded: number[] = []
    for (const part of await collect(workers, 'arrivals')) {
      for (let i = 0; i < part.length; i += 3) {
        const sent = sentAt.get(part[i + 1]!)
        if (!sent) continue
        const latency = part[i + 2]! - sent.t
        peer.push(latency)
        if (!placement[sent.typist]!.onOwner) continue
        ;(placement[part[i]!]!.onOwner ? peerDirect : peerForwarded).push(latency)
      }
    }
    const saved: number[] = []
    const savedDirect: number[] = []
    const savedForwarded: number[] = []
    for (const part of await collect(workers, 'saved')) {
      for (let i = 0; i < part.length; i += 2) {
        saved.push(part[i + 1]!)
        ;(placement[part[i]!]!.onOwner ? savedDirect : savedForwarded).push(part[i + 1]!)
      }
    }
    const perUpdate = (pids: readonly number[]) => cpuDelta(new Map([...before].filter(([p]) => pids.includes(p))), new Map([...after].filter(([p]) => pids.includes(p)))) / keystrokes
    const infraPids = new Set(setup.pids)
    const figures: LoadFigures = {
      keystrokes,
      deliveredShare: peer.length / (keystrokes * (CLIENTS_PER_DRAFT - 1)),
      savedShare: saved.length / keystrokes,
      peer: percentiles(peer),
      saved: percentiles(saved),
      peerDirectP50: p50p99(peerDirect).p50,
      peerForwardedP50: p50p99(peerForwarded).p50,
      savedDirectP50: p50p99(savedDirect).p50,
      savedForwardedP50: p50p99(savedForwarded).p50,
      cpuPerUpdate: setup.pids.map((pid) => perUpdate([pid])),
      postgresCpuPerUpdate: infra.postgres ? perUpdate([...after.keys()].filter((p) => !infraPids.has(p) && p !== infra.redis)) : null,
      redisCpuPerUpdate: infra.redis ? perUpdate([infra.redis]) : null,
    }

    const failoverMs: number[] = []
    if (failover) {
      // Typing goes on; the owner of a third of the drafts is killed; each of its drafts is timed from the
      // kill to the first edit the new owner confirms saved to one of its clients on a surviving instance.
      const typing = Promise.all(workers.map((w) => w.call('type', { durationMs: 4 * DEFAULT_LEASE_MS, keysPerSecond: KEYS_PER_SECOND })))
      await sleep(3000)
      const killedAt = nowMs()
      await setup.kill9(0)
      await typing
      const firstAck = new Map<number, number>()
      for (const part of await collect(workers, 'firstAckAfter', { t: killedAt })) for (let i = 0; i < part.length; i += 2) firstAck.set(part[i]!, part[i + 1]!)
      for (const room of setup.drafts.filter((id) => owners.get(id) === 0)) {
        const times = placement.flatMap((p, i) => (p.room === room && p.instance !== 0 ? [firstAck.get(i) ?? Number.NaN] : [])).filter(Number.isFinite)
        failoverMs.push(times.length > 0 ? Math.min(...times) - killedAt : Number.NaN)
      }
    }
    return { figures, failoverMs }
  } finally {
    await Promise.all(workers.map((w) => w.call('close').catch(() => undefined)))
    await stopWorkers(workers)
  }
}

function rows(label: string, f: LoadFigures, base: LoadFigures | null): BenchResult[] {
  const name = (what: string) => `scale ${label}: ${what}`
  const complete = f.deliveredShare >= 0.9999 && f.savedShare >= 0.9999
  const why = `only ${(f.deliveredShare * 100).toFixed(2)}% of deliveries and ${(f.savedShare * 100).toFixed(2)}% of "saved" arrived`
  const cpu = f.cpuPerUpdate
  const out = [
    requiring(info(name('keystroke→peer p50'), f.peer.p50, 'ms', base?.peer.p50 ?? null, `${f.keystrokes} keystrokes, each to 4 peers`), complete, why),
    info(name('keystroke→peer p99'), f.peer.p99, 'ms', base?.peer.p99 ?? null),
    requiring(info(name('keystroke→saved p50'), f.saved.p50, 'ms', base?.saved.p50 ?? null, 'saving waits 1 s after the last edit (at most 3 s)'), complete, why),
    info(name('keystroke→saved p99'), f.saved.p99, 'ms', base?.saved.p99 ?? null),
    info(name(`CPU per update, Accord process${cpu.length > 1 ? 'es (mean)' : ''}`), cpu.reduce((a, b) => a + b, 0) / cpu.length, 'ms', base ? base.cpuPerUpdate[0]! : null, cpu.length > 1 ? `each: ${cpu.map((c) => c.toFixed(3)).join(', ')} ms` : undefined),
  ]
  if (f.postgresCpuPerUpdate !== null) out.push(info(name('CPU per update, PostgreSQL (all its processes)'), f.postgresCpuPerUpdate, 'ms'))
  if (f.redisCpuPerUpdate !== null) out.push(info(name('CPU per update, Redis'), f.redisCpuPerUpdate, 'ms'))
  if (Number.isFinite(f.peerForwardedP50)) {
    out.push(
      info(name('extra keystroke→peer p50 for a peer on a non-owner instance'), f.peerForwardedP50 - f.peerDirectP50, 'ms', null, `p50 ${f.peerForwardedP50.toFixed(1)} vs ${f.peerDirectP50.toFixed(1)} ms on the owner`),
      info(name('extra keystroke→saved p50 for a typist on a non-owner instance'), f.savedForwardedP50 - f.savedDirectP50, 'ms', null, `p50 ${f.savedForwardedP50.toFixed(0)} vs ${f.savedDirectP50.toFixed(0)} ms on the owner`),
    )
  }
  return out
}

/**
 * Scale-out (issue 19): 40 drafts × 5 clients typing 2 keys/s, on the embedded store (baseline), then on
 * 1, 2 and 3 instances with PostgreSQL and Redis; each client is placed on instance (draft + i) mod n,
 * so with several instances most clients reach their draft's owner through another instance. Then the
 * owner of a third of the drafts is killed (-9) and each of its drafts is timed to its first "saved".
 */
export async function scale({ quick }: ScenarioOptions): Promise<BenchResult[]> {
  const missing = missingScaleBinaries()
  if (missing) throw new Error(missing)
  const durationMs = quick ? 5000 : 20_000
  const state = demoState()
  const postgres = await PostgresServer.start()
  const redis = await RedisServer.start()
  const results: BenchResult[] = []
  try {
    const embedded = await embeddedSetup(DRAFTS, state)
    let base: LoadFigures
    try {
      base = (await runLoad(embedded, { postgres: null, redis: null }, durationMs, false)).figures
    } finally {
      await embedded.stop()
    }
    results.push(...rows(embedded.label, base, null))
    for (const count of [1, 2, 3]) {
      const setup = await scaleSetup(postgres, redis.url, count, DRAFTS, state)
      try {
        const { figures, failoverMs } = await runLoad(setup, { postgres: postgres.pid, redis: redis.pid }, durationMs, count === 3)
        results.push(...rows(setup.label, figures, base))
        if (failoverMs.length > 0) {
          const { p50, max } = p50p99(failoverMs.filter(Number.isFinite))
          const lost = failoverMs.filter((ms) => !Number.isFinite(ms)).length
          results.push(
            requiring(
              info(`scale failover: kill -9 → first "saved" by the new owner, p50 over ${failoverMs.length} drafts`, p50, 'ms', null, `lease ${DEFAULT_LEASE_MS} ms (LEASE_MS)`),
              lost === 0,
              `${lost} drafts never confirmed an edit after the kill`,
            ),
            info('scale failover: kill -9 → first "saved" by the new owner, slowest draft', max, 'ms'),
          )
        }
      } finally {
        await setup.stop()
      }
    }
  } finally {
    await redis.destroy()
    await postgres.destroy()
  }
  return results
}
