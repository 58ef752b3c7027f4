import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../../helpers/freePort'
import { redisServerPath } from './binaries'

/** Resolves once something accepts TCP connections on the port. */
async function waitListening(port: number, timeoutMs: number, exited: () => boolean, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ host: '127.0.0.1', port }, () => {
        s.destroy()
        resolve(true)
      })
      s.on('error', () => resolve(false))
    })
    if (ok) return
    if (exited()) throw new Error(`redis-server exited while starting:\n${log()}`)
    if (Date.now() > deadline) throw new Error(`redis-server did not listen within ${timeoutMs} ms:\n${log()}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/**
 * A redis-server of the tests' own on a free port, with nothing saved to disk (Accord keeps nothing in
 * Redis that must survive it). `kill` and `start` again on the same port for restart tests.
 */
export class RedisServer {
  private child: ChildProcess | null = null
  private exited = true
  private output = ''

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(mkdtempSync(join(tmpdir(), 'accord-redis-')), await freePort())
    await server.start()
    return server
  }

  get pid(): number | null {
    return this.child && !this.exited ? (this.child.pid ?? null) : null
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`
  }

  async start(): Promise<void> {
    if (!this.exited) return
    const bin = redisServerPath()
    if (!bin) throw new Error('redis-server is not installed (apt-get install redis-server)')
    this.exited = false
    this.output = ''
    const child = spawn(bin, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout!.on('data', (d: Buffer) => (this.output += d.toString()))
    child.stderr!.on('data', (d: Buffer) => (this.output += d.toString()))
    child.once('exit', () => (this.exited = true))
    this.child = child
    await waitListening(this.port, 10_000, () => this.exited, () => this.output)
  }

  /** kill -9: connections drop at once, nothing is kept. */
  async kill(): Promise<void> {
    const child = this.child
    if (!child || this.exited) return
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill('SIGKILL')
    await gone
  }

  async destroy(): Promise<void> {
    await this.kill()
    rmSync(this.dir, { recursive: true, force: true })
  }
}
