import { resolve } from 'node:path'
import express from 'express'
import type { Logger } from './logger'
import type { SaveTiming } from './drafts/SaveScheduler'
import type { Store } from './store/Store'
import type { Clock } from './util/clock'
import type { RetryPolicy } from './notifications/NotificationSender'
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
   * Per-connection flood limit on WebSocket messages; beyond it the socket is closed. `false` turns it
   * off (only for replaying recorded traces as fast as possible).
   */
  rateLimit?: RateLimit | false
  /** E-mail notifications go through this SMTP server (`smtp://user:pass@host:587`, `smtps://…:465`); unset, e-mail is off. */
  smtpUrl?: string
  /** The From of Accord's e-mails, e.g. `Accord <accord@example.org>`; default `Accord <accord@` + the public host + `>`. */
  mailFrom?: string
  /** The address people reach Accord at, for links in e-mails (default: the address the server listens on). */
  publicUrl?: string
  /** How refused e-mails are retried (tests shorten the waits). */
  mailRetry?: Partial<RetryPolicy>
}

/** Proxies in front of Accord: how many (hops), or their addresses, subnets and names such as `loopback`. */
export type TrustProxy = number | readonly string[]

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

/** PUBLIC_URL without a trailing slash; a value that is not an http(s) URL stops start-up with the variable's name. */
export function publicUrlFromEnv(value: string | undefined): string | undefined {
  const text = (value ?? '').trim()
  if (text === '') return undefined
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new Error(`PUBLIC_URL must be the address people open Accord at, such as https://accord.example.org (got "${text}")`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`PUBLIC_URL must start with http:// or https:// (got "${text}")`)
  return text.replace(/\/+$/, '')
}

/** SMTP_URL must be an smtp:// or smtps:// URL; checked at start so a typo does not wait for the first e-mail. */
export function smtpUrlFromEnv(value: string | undefined): string | undefined {
  const text = (value ?? '').trim()
  if (text === '') return undefined
  let protocol = ''
  try {
    protocol = new URL(text).protocol
  } catch {
    // reported below
  }
  if (protocol !== 'smtp:' && protocol !== 'smtps:') throw new Error('SMTP_URL must be an SMTP server address such as smtp://user:password@mail.example.org:587')
  return text
}

/** Reads PORT, HOST, DATA_DIR, ALLOWED_ORIGINS (comma-separated), TRUST_PROXY, SMTP_URL, MAIL_FROM and PUBLIC_URL. */
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
    ...optional('smtpUrl', smtpUrlFromEnv(env.SMTP_URL)),
    ...optional('mailFrom', env.MAIL_FROM?.trim() || undefined),
    ...optional('publicUrl', publicUrlFromEnv(env.PUBLIC_URL)),
  }
}

/** `{ key: value }`, or nothing when the value is unset (optional config fields are absent, not undefined). */
const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> => (value === undefined ? {} : ({ [key]: value } as Record<K, V>))
