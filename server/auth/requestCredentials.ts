import type { IncomingMessage } from 'node:http'
import type { Credential } from '../store/Store'

/** Name of the HttpOnly session cookie set by a sign-in link. */
export const SESSION_COOKIE = 'accord_session'

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>()
  if (!header) return out
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq <= 0) continue
    const name = part.slice(0, eq).trim()
    const value = part.slice(eq + 1).trim()
    try {
      out.set(name, decodeURIComponent(value))
    } catch {
      // A cookie we cannot decode is not ours.
    }
  }
  return out
}

/** The secret a request presents and which kinds of credential it may be. */
export interface PresentedSecret {
  secret: string
  kinds: readonly Credential['kind'][]
}

/**
 * Finds the credential a request carries: `Authorization: Bearer <token>`, the session cookie, or (for
 * WebSocket upgrades only) a `token` query parameter, since browsers cannot set headers on WebSockets.
 */
export function presentedSecret(req: IncomingMessage, allowQueryToken: boolean): PresentedSecret | null {
  const auth = req.headers.authorization
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth)
    return m ? { secret: m[1]!, kinds: ['token'] } : null
  }
  if (allowQueryToken && req.url) {
    const token = new URL(req.url, 'http://x').searchParams.get('token')
    if (token) return { secret: token, kinds: ['token'] }
  }
  const cookie = parseCookies(req.headers.cookie).get(SESSION_COOKIE)
  return cookie ? { secret: cookie, kinds: ['session'] } : null
}
