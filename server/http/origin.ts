import type { IncomingMessage } from 'node:http'

/**
 * True when the request's Origin is the app's own (same host it was addressed to) or explicitly
 * allowed. Requests without an Origin (scripts, curl) are not cross-site requests from a browser.
 */
export function isAllowedOrigin(req: IncomingMessage, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin
  if (origin === undefined) return true
  if (allowedOrigins.includes(origin)) return true
  const host = req.headers.host
  if (!host) return false
  return origin === `http://${host}` || origin === `https://${host}`
}
