import { type Server, type Socket, connect, createServer } from 'node:net'
import type { AddressInfo } from 'node:net'

/**
 * A TCP load balancer in front of the Accord instances, as a cloud balancer without sticky sessions:
 * each new connection goes to the next instance in turn; an instance that refuses the connection (it was
 * killed) is skipped. Clients that reconnect after their instance died land on a live one.
 */
export class LoadBalancer {
  private next = 0
  private readonly clients = new Set<Socket>()

  private constructor(
    private readonly server: Server,
    private readonly ports: readonly number[],
  ) {
    server.on('connection', (client) => {
      this.clients.add(client)
      client.on('close', () => this.clients.delete(client))
      this.accept(client, 0)
    })
  }

  static async start(ports: readonly number[]): Promise<LoadBalancer> {
    const server = createServer()
    const lb = new LoadBalancer(server, ports)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return lb
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  private accept(client: Socket, tried: number): void {
    if (tried >= this.ports.length) return void client.destroy()
    const port = this.ports[this.next++ % this.ports.length]!
    client.pause()
    const upstream = connect({ host: '127.0.0.1', port, noDelay: true })
    upstream.once('connect', () => {
      client.setNoDelay(true)
      client.pipe(upstream)
      upstream.pipe(client)
      client.resume()
      upstream.on('error', () => client.destroy())
      upstream.on('close', () => client.destroy())
      client.on('error', () => upstream.destroy())
      client.on('close', () => upstream.destroy())
    })
    upstream.once('error', (err: NodeJS.ErrnoException) => {
      if (upstream.connecting || err.code === 'ECONNREFUSED') this.accept(client, tried + 1)
    })
  }

  async close(): Promise<void> {
    for (const c of this.clients) c.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}
