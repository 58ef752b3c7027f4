import { createHmac, timingSafeEqual } from 'node:crypto'
import { NOTIFICATION_KINDS, type NotificationKind } from '../../shared/notifications'

/** What an unsubscribe link turns off: e-mail of one kind, or whatever goes into the daily digest. */
export type UnsubscribeScope = NotificationKind | 'digest'

export interface Unsubscribe {
  participantId: string
  scope: UnsubscribeScope
}

const SCOPES: readonly string[] = [...NOTIFICATION_KINDS, 'digest']

const signature = (secret: string, payload: string) => createHmac('sha256', secret).update(`unsubscribe:${payload}`).digest('base64url')

/**
 * Signed links that turn off e-mail without signing in: `<participant>.<scope>.<HMAC>`. Anyone holding the
 * link can only turn that person's e-mail of that kind off, which is what a link in their mail is for.
 */
export function unsubscribeToken(secret: string, { participantId, scope }: Unsubscribe): string {
  const payload = `${participantId}.${scope}`
  return `${payload}.${signature(secret, payload)}`
}

/** The request a token carries, or null when it was not signed with this secret. */
export function readUnsubscribeToken(secret: string, token: string): Unsubscribe | null {
  const parts = token.split('.')
  if (parts.length !== 3) return null
  const [participantId, scope, sig] = parts as [string, string, string]
  if (!participantId || !SCOPES.includes(scope)) return null
  const expected = Buffer.from(signature(secret, `${participantId}.${scope}`))
  const given = Buffer.from(sig)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  return { participantId, scope: scope as UnsubscribeScope }
}
