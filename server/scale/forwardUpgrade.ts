import type { IncomingMessage } from 'node:http'
import { connect } from 'node:net'
import type { Duplex } from 'node:stream'
import { errorResponse } from '../http/errors'
import type { Logger } from '../logger'
import { FORWARDED_HEADER } from './draftRoutes'

/** An owner that does not accept the connection within this long is treated as gone (the client retries). */
const CONNECT_TIMEOUT_MS = 3000

/** The 503 a client gets when the draft's owner cannot be reached now: the stock provider reconnects. */
export function refuseUnavailable(socket: Duplex): void {
  const { status, body } = errorResponse('server.draftMoved', {})
  const json = JSON.stringify(body)
  socket.end(`HTTP/1.1 ${status} Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`)
}

/**
 * Passes a WebSocket upgrade on to the draft's owner over a new TCP connection: the request as it came
 * (plus the forwarded-by header), then the bytes both ways, untouched. The owner answers the handshake,
 * authenticates and speaks y-websocket with the client; this instance is a pipe. When either side
 * closes, so does the other, and the client reconnects (and is routed again).
 */
export function forwardUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, address: string, forwardedBy: string, logger: Logger): void {
  const target = new URL(address)
  const upstream = connect({ host: target.hostname, port: Number(target.port || 80), noDelay: true })
  let connected = false
  upstream.setTimeout(CONNECT_TIMEOUT_MS, () => upstream.destroy(new Error('the owner did not accept the connection in time')))
  upstream.once('connect', () => {
    connected = true
    upstream.setTimeout(0)
    const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1`]
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      if (req.rawHeaders[i]!.toLowerCase() !== FORWARDED_HEADER) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`)
    }
    lines.push(`${FORWARDED_HEADER}: ${forwardedBy}`)
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`)
    if (head.length > 0) upstream.write(head)
    socket.pipe(upstream)
    upstream.pipe(socket)
  })
  upstream.on('error', (err) => {
    logger.warn('could not forward a connection to the draft\'s owner', { owner: address, error: err.message })
    if (!connected) refuseUnavailable(socket)
    else socket.destroy()
  })
  upstream.on('close', () => {
    if (connected) socket.destroy()
  })
  socket.on('error', () => upstream.destroy())
  socket.on('close', () => upstream.destroy())
  if ('setNoDelay' in socket && typeof socket.setNoDelay === 'function') (socket as { setNoDelay(v: boolean): void }).setNoDelay(true)
}
