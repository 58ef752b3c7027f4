import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'

/** What a raw HTTP request got back. */
export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  text: string
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown
}

export interface RawRequest {
  method?: string
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string
  /** Sent as the Cookie header. */
  cookie?: string
  /** Serialized as JSON with `Content-Type: application/json` unless `raw` is given. */
  body?: unknown
  /** Exact bytes to send (with whatever content type `headers` says). */
  raw?: string | Buffer
  headers?: Record<string, string>
  /** Local address to send from (e.g. 127.0.0.2, to act as another IP on loopback). */
  localAddress?: string
}

/**
 * One HTTP request with node:http, so a test controls every header and byte: no Origin is added, malformed
 * bodies go out as they are, and the source address can be chosen.
 */
export function rawRequest(baseUrl: string, path: string, options: RawRequest = {}): Promise<RawResponse> {
  const url = new URL(path, baseUrl)
  const headers: Record<string, string> = { ...options.headers }
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`
  if (options.cookie !== undefined) headers.cookie = options.cookie
  let payload: Buffer | undefined
  if (options.raw !== undefined) payload = Buffer.from(options.raw)
  else if (options.body !== undefined) {
    payload = Buffer.from(JSON.stringify(options.body))
    headers['content-type'] ??= 'application/json'
  }
  if (payload) headers['content-length'] = String(payload.length)
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        // Sent verbatim: percent-encoded path tricks must reach the server as written.
        path: path.startsWith('/') ? path : `${url.pathname}${url.search}`,
        method: options.method ?? 'GET',
        headers,
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let json: unknown
          try {
            json = JSON.parse(text)
          } catch {
            json = undefined
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json })
        })
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(payload)
  })
}

/** The `error` message of a JSON error response, or throws if the response is not `{ "error": "..." }`. */
export function errorMessage(res: RawResponse): string {
  const body = res.json as { error?: unknown } | undefined
  if (!String(res.headers['content-type'] ?? '').startsWith('application/json')) {
    throw new Error(`expected a JSON error, got ${res.headers['content-type']}: ${res.text.slice(0, 200)}`)
  }
  if (typeof body?.error !== 'string' || body.error.length < 10) {
    throw new Error(`expected { "error": "<useful message>" }, got ${res.text.slice(0, 200)}`)
  }
  return body.error
}

/** The `name=value` pair of a Set-Cookie header, for sending back as a Cookie header. */
export function cookiePair(setCookie: string): string {
  return setCookie.split(';')[0]!.trim()
}
