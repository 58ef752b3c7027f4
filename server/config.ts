import { resolve } from 'node:path'
import type { Logger } from './logger'
import type { SaveTiming } from './drafts/SaveScheduler'
import type { Store } from './store/Store'
import {
  RATE_LIMIT_BURST,
  RATE_LIMIT_PER_SECOND,
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
  /**
   * Per-connection flood limit on WebSocket messages; beyond it the socket is closed. `false` turns it
   * off (only for replaying recorded traces as fast as possible).
   */
  rateLimit?: RateLimit | false
}

export interface RateLimit {
  burst: number
  perSecond: number
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

export const DEFAULT_RATE_LIMIT: RateLimit = { burst: RATE_LIMIT_BURST, perSecond: RATE_LIMIT_PER_SECOND }

/** Reads PORT, HOST, DATA_DIR and ALLOWED_ORIGINS (comma-separated). */
export function configFromEnv(env: NodeJS.ProcessEnv): ServerConfig {
  const port = env.PORT === undefined || env.PORT === '' ? DEFAULT_PORT : Number(env.PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`)
  return {
    port,
    host: env.HOST || DEFAULT_HOST,
    dataDir: resolve(env.DATA_DIR || DEFAULT_DATA_DIR),
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  }
}
