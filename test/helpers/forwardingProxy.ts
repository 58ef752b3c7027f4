import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ForwardingProxy {
  url: string
  close(): Promise<void>
}

/**
 * A reverse proxy in front of a test server, doing what nginx does with `proxy_add_x_forwarded_for`: it
 * appends the address its client connected from to X-Forwarded-For (after whatever the client sent), and
 * says which protocol the client used (`https` as for a proxy that terminates TLS).
 */
export async function startForwardingProxy(target: string, proto: 'http' | 'https'): Promise<ForwardingProxy> {
  const proxy = createServer((req, res) => {
    const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ')
    const upstream = request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: { ...req.headers, 'x-forwarded-for': forwardedFor, 'x-forwarded-proto': proto } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  await new Promise<void>((ok) => proxy.listen(0, '127.0.0.1', ok))
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((ok) => {
        proxy.closeAllConnections()
        proxy.close(() => ok())
      }),
  }
}
