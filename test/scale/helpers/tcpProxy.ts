import { type Server, type Socket, connect, createServer } from 'node:net'
import type { AddressInfo } from 'node:net'

/** What the proxy does with traffic. */
export type ProxyMode =
  /** Passes bytes both ways (after `delayMs`, if set). */
  | 'pass'
  /** Resets every open connection and refuses new ones: the peer is gone. */
  | 'refuse'
  /** Accepts connections and holds every byte: a partition, where nothing answers and nothing fails. */
  | 'blackhole'

interface Pair {
  client: Socket
  upstream: Socket
}

/**
 * A TCP proxy in front of PostgreSQL or Redis for fault tests: pass traffic, delay it, cut it (reset
 * every connection and refuse new ones) or black-hole it; `heal` lets traffic through again.
 */
export class TcpProxy {
  private mode: ProxyMode = 'pass'
  private delayMs = 0
  private readonly pairs = new Set<Pair>()

  private constructor(
    private readonly server: Server,
    private readonly target: { host: string; port: number },
  ) {
    server.on('connection', (client) => this.accept(client))
  }

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const server = createServer()
    const proxy = new TcpProxy(server, target)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return proxy
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port
  }

  /** Connections open through the proxy now. */
  get connections(): number {
    return this.pairs.size
  }

  private accept(client: Socket): void {
    client.setNoDelay(true)
    if (this.mode === 'refuse') return void client.resetAndDestroy()
    const upstream = connect({ ...this.target, noDelay: true })
    const pair = { client, upstream }
    this.pairs.add(pair)
    const end = () => {
      this.pairs.delete(pair)
      client.destroy()
      upstream.destroy()
    }
    client.on('error', end).on('close', end)
    upstream.on('error', end).on('close', end)
    this.relay(client, upstream)
    this.relay(upstream, client)
  }

  /** Bytes from one side to the other, dropped while black-holed, after the delay (timers of one length fire in order). */
  private relay(from: Socket, to: Socket): void {
    from.on('data', (chunk: Buffer) => {
      if (this.mode === 'blackhole') return
      if (this.delayMs === 0) to.write(chunk)
      else setTimeout(() => to.destroyed || to.write(chunk), this.delayMs)
    })
  }

  /** Lets traffic through again (new connections pass; black-holed bytes are gone, as on a real network). */
  heal(): void {
    this.mode = 'pass'
    this.delayMs = 0
  }

  /** Every byte waits this long before it is passed on. */
  delay(ms: number): void {
    this.mode = 'pass'
    this.delayMs = ms
  }

  /** Resets every connection and refuses new ones until `heal`. */
  cut(): void {
    this.mode = 'refuse'
    for (const { client, upstream } of this.pairs) {
      client.resetAndDestroy()
      upstream.destroy()
    }
    this.pairs.clear()
  }

  /** Holds every byte of every connection, old and new, until `heal`. */
  blackhole(): void {
    this.mode = 'blackhole'
  }

  async close(): Promise<void> {
    this.cut()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}
