import { Agent, request } from 'node:http'
import { nowMs } from '../lib/stats'
import { seededRandom } from '../../helpers/random'

/**
 * Load generator for the comments mix: users who open a draft (its first page of comments), page
 * through, and then comment, reply or decide, with a pause between requests as people have.
 */

export type RequestKind = 'open' | 'page' | 'post' | 'reply' | 'resolve'
export const KINDS: readonly RequestKind[] = ['open', 'page', 'post', 'reply', 'resolve']

interface User {
  token: string
  /** Chairs decide comments; the others comment and reply. */
  chair: boolean
}

export interface MixPlan {
  baseUrl: string
  documentId: string
  users: User[]
  pageSize: number
  /** Pages a user reads after the first, per visit. */
  pagesPerVisit: number
  /** Pause between one user's requests: uniform between these (ms). */
  thinkMs: [number, number]
  durationMs: number
  quotes: string[]
  seed: number
}

export interface MixOutcome {
  /** Latency (ms) of every request, by kind. */
  latencies: Record<RequestKind, number[]>
  errors: string[]
  /** Requests sent again after a kept-alive socket was reset before they reached the server. */
  retried: number
}

export const handlers = {
  async mix(plan: MixPlan): Promise<MixOutcome> {
    const agent = new Agent({ keepAlive: true, maxSockets: plan.users.length })
    const rnd = seededRandom(plan.seed).next
    const latencies = Object.fromEntries(KINDS.map((k) => [k, [] as number[]])) as Record<RequestKind, number[]>
    const errors: string[] = []
    const api = `${plan.baseUrl}/api/documents/${plan.documentId}/comments`
    let retried = 0
    const call = (kind: RequestKind, user: User, method: 'GET' | 'POST', path: string, body?: unknown, retry = true): Promise<unknown> =>
      new Promise<unknown>((resolve) => {
        const payload = body === undefined ? undefined : JSON.stringify(body)
        const t0 = nowMs()
        const req = request(
          `${api}${path}`,
          {
            method,
            agent,
            headers: {
              authorization: `Bearer ${user.token}`,
              'accept-encoding': 'gzip, deflate, br',
              ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
            },
          },
          (res) => {
            const chunks: Buffer[] = []
            res.on('data', (c: Buffer) => chunks.push(c))
            res.on('end', () => {
              latencies[kind].push(nowMs() - t0)
              const text = Buffer.concat(chunks).toString()
              if ((res.statusCode ?? 0) >= 400) {
                if (errors.length < 5) errors.push(`${kind} ${res.statusCode}: ${text.slice(0, 200)}`)
                return resolve(null)
              }
              resolve(JSON.parse(text) as unknown)
            })
          },
        )
        req.on('error', (err: NodeJS.ErrnoException) => {
          // A kept-alive socket the server closed for idleness just as it was reused: the request never reached
          // the server, and a browser would send it again; so does the bench, once (and counts it).
          if (retry && req.reusedSocket && err.code === 'ECONNRESET') {
            retried++
            return resolve(call(kind, user, method, path, body, false))
          }
          if (errors.length < 5) errors.push(`${kind}: ${err.message}`)
          resolve(null)
        })
        req.end(payload)
      })
    const end = nowMs() + plan.durationMs
    const think = () => new Promise((r) => setTimeout(r, plan.thinkMs[0] + rnd() * (plan.thinkMs[1] - plan.thinkMs[0])))
    const visit = async (user: User, n: number) => {
      type Page = { comments: { id: string; status: string }[]; next: string | null } | null
      let page = (await call('open', user, 'GET', `?limit=${plan.pageSize}`)) as Page
      const seen = [...(page?.comments ?? [])]
      for (let p = 0; p < plan.pagesPerVisit && page?.next; p++) {
        await think()
        page = (await call('page', user, 'GET', `?limit=${plan.pageSize}&after=${page.next}`)) as Page
        seen.push(...(page?.comments ?? []))
      }
      await think()
      const open = seen.filter((c) => c.status === 'open')
      const target = open[Math.floor(rnd() * open.length)]
      if (user.chair && target) {
        await call('resolve', user, 'POST', `/${target.id}/resolve`, { disposition: 'noted', note: 'Noted by the bench.' })
      } else if (rnd() < 0.5 || !target) {
        const quote = plan.quotes[n % plan.quotes.length]
        await call('post', user, 'POST', '', { type: 'editorial', body: `Bench comment ${n}: please reword this.`, anchor: { quote } })
      } else {
        await call('reply', user, 'POST', `/${target.id}/replies`, { body: 'We agree with this comment.' })
      }
      await think()
    }
    await Promise.all(
      plan.users.map(async (user, u) => {
        // Users arrive spread over the first pause, not all in the same millisecond.
        await new Promise((r) => setTimeout(r, rnd() * plan.thinkMs[1]))
        for (let n = u * 10_000; nowMs() < end; n++) await visit(user, n)
      }),
    )
    agent.destroy()
    return { latencies, errors, retried }
  },
}
