import { Agent, request } from 'node:http'
import { nowMs } from '../lib/stats'

/** Load generator for the comments API: `concurrency` requests in flight until `total` are done. */

interface Load {
  url: string
  token: string
  concurrency: number
  total: number
}

interface Outcome {
  latencies: Float64Array
  /** Bytes of the response bodies as sent (compressed if the server compressed them). */
  bodyBytes: number
  errors: string[]
  bodies: string[]
}

async function run(load: Load, method: 'GET' | 'POST', body: (i: number) => string | null, keepBodies = 0): Promise<Outcome> {
  const agent = new Agent({ keepAlive: true, maxSockets: load.concurrency })
  const latencies = new Float64Array(load.total)
  const errors: string[] = []
  const bodies: string[] = []
  let bodyBytes = 0
  let next = 0
  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const payload = body(i)
      const t0 = nowMs()
      const req = request(
        load.url,
        {
          method,
          agent,
          headers: {
            authorization: `Bearer ${load.token}`,
            // What a browser sends; the body is counted, not decoded (the server's work is measured).
            'accept-encoding': 'gzip, deflate, br',
            ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => {
            bodyBytes += c.length
            if (bodies.length < keepBodies || (res.statusCode ?? 0) >= 400) chunks.push(c)
          })
          res.on('end', () => {
            latencies[i] = nowMs() - t0
            if ((res.statusCode ?? 0) >= 400) errors.push(`${res.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 200)}`)
            else if (chunks.length > 0) bodies.push(Buffer.concat(chunks).toString())
            resolve()
          })
        },
      )
      req.on('error', (err) => {
        latencies[i] = nowMs() - t0
        errors.push(err.message)
        resolve()
      })
      req.end(payload ?? undefined)
    })
  const lane = async () => {
    while (next < load.total) await one(next++)
  }
  await Promise.all(Array.from({ length: load.concurrency }, lane))
  agent.destroy()
  return { latencies, bodyBytes, errors: errors.slice(0, 5), bodies }
}

export const handlers = {
  list: (load: Load) => run(load, 'GET', () => null),
  create: (load: Load & { quotes: string[] }) =>
    run(
      load,
      'POST',
      (i) => JSON.stringify({ type: 'editorial', body: `Bench comment ${i}: please reword this.`, anchor: { quote: load.quotes[i % load.quotes.length] } }),
      load.total,
    ),
}
