import { resolve } from 'node:path'
import express from 'express'
import type { Logger } from './logger'
import type { SaveTiming } from './drafts/SaveScheduler'
import type { Store } from './store/Store'
import type { Clock } from './util/clock'
import {
  RELAY_BURST_MS,
  RELAY_FLOOD_CLOSE_MS,
  RELAY_SHARE,
  RELAY_SLICE_MS,
  SAVE_DEBOUNCE_MS,
  SAVE_MAX_WAIT_MS,
  SAVE_RETRY_MAX_MS,
  SAVE_RETRY_MS,
} from '../shared/protocol'

/** Everything `startServer` needs; only port, host and dataDir come from the environment in production. */
export interface ServerConfig {
  /** TCP port; 0 picks a free one (tests). */
  port: number
  /** Interface to listen on. */
  host: string
  /** Directory for the embedded store; created if missing. */
  dataDir: string
  /** Extra origins allowed to open WebSockets and make cookie-authenticated writes. */
  allowedOrigins?: readonly string[]
  /**
   * Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (Express's `trust proxy`);
   * unset, those headers are ignored.
   */
  trustProxy?: TrustProxy
  /** Overrides the embedded LowdbStore (tests pass a MemoryStore or a failing store). */
  store?: Store
  logger?: Logger
  /** Built client directory; defaults to dist/client. */
  clientDir?: string
  /** Persistence timing overrides (tests). */
  saveTiming?: Partial<SaveTiming>
  /** Create the first chair and the demo draft on an empty workspace (default true). */
  seedDemo?: boolean
  /** Clock for credentials and comments (tests). */
  now?: () => Date
  /** Clock for consultation deadlines and the policy's idea of "now" (tests pass one they can move). */
  clock?: Clock
  /**
   * Per-connection flow control on WebSocket messages: beyond its share a connection is read more slowly,
   * and only a sustained flood is closed. `false` turns it off (only for replaying recorded traces as fast
   * as possible).
   */
  rateLimit?: RateLimit | false
}

/** Proxies in front of Accord: how many (hops), or their addresses, subnets and names such as `loopback`. */
export type TrustProxy = number | readonly string[]

/** How much of the relay's time one connection may use (see RELAY_SHARE in shared/protocol.ts). */
export interface RateLimit {
  /** Share of the relay's time a connection may use, sustained (0.2: 200 ms of every second). */
  share: number
  /** Relay time a connection may use at once before it is held to its share (ms). */
  burstMs: number
  /** Longest a connection's messages are handled at a stretch before others get a turn (ms). */
  sliceMs: number
  /** A connection held to its share without let-up this long is closed (ms). */
  floodCloseMs: number
}

export const DEFAULT_PORT = 5170
export const DEFAULT_HOST = '127.0.0.1'
export const DEFAULT_DATA_DIR = './data'

export const DEFAULT_SAVE_TIMING: SaveTiming = {
  debounceMs: SAVE_DEBOUNCE_MS,
  maxWaitMs: SAVE_MAX_WAIT_MS,
  retryMs: SAVE_RETRY_MS,
  retryMaxMs: SAVE_RETRY_MAX_MS,
}

export const DEFAULT_RATE_LIMIT: RateLimit = { share: RELAY_SHARE, burstMs: RELAY_BURST_MS, sliceMs: RELAY_SLICE_MS, floodCloseMs: RELAY_FLOOD_CLOSE_MS }

/** The comma-separated items of a variable, trimmed. */
const listOf = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)

/**
 * TRUST_PROXY: the number of proxies in front of Accord (`1`), or their addresses (`loopback`,
 * `10.0.0.2, 10.1.0.0/16`); unset or empty, nothing is trusted. `true` (trust every hop) is refused: any
 * client could then name its own address in X-Forwarded-For and escape the sign-in limit.
 */
export function trustProxyFromEnv(value: string | undefined): TrustProxy | undefined {
  const text = (value ?? '').trim()
  if (text === '') return undefined
  if (/^\d+$/.test(text)) return Number(text)
  const addresses = listOf(text)
  try {
    // Express's own parser checks each address, so a typo stops start-up here with the variable's name.
    express().set('trust proxy', addresses)
  } catch (err) {
    throw new Error(
      `TRUST_PROXY must be the number of proxies in front of Accord or their addresses (e.g. 1, or loopback, or 10.0.0.0/8): ${(err as Error).message}`,
    )
  }
  return addresses
}

/** Reads PORT, HOST, DATA_DIR, ALLOWED_ORIGINS (comma-separated) and TRUST_PROXY. */
export function configFromEnv(env: NodeJS.ProcessEnv): ServerConfig {
  const port = env.PORT === undefined || env.PORT === '' ? DEFAULT_PORT : Number(env.PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`)
  const trustProxy = trustProxyFromEnv(env.TRUST_PROXY)
  return {
    port,
    host: env.HOST || DEFAULT_HOST,
    dataDir: resolve(env.DATA_DIR || DEFAULT_DATA_DIR),
    allowedOrigins: listOf(env.ALLOWED_ORIGINS),
    ...(trustProxy === undefined ? {} : { trustProxy }),
  }
}
