import WebSocket from 'ws'
import type { Random } from './random'

/**
 * A WebSocket for the stock y-websocket provider (its `WebSocketPolyfill`) over a bad network: every message,
 * both ways, is held for a random delay from the seeded PRNG (order is kept, as TCP keeps it), and `drop()`
 * cuts the connection like a failing network: whatever is still in flight either way is lost.
 */
export interface FlakyNetwork {
  /** The class to pass as `WebSocketPolyfill`. */
  Socket: typeof globalThis.WebSocket
  /** Sockets opened so far (the provider opens a new one on every reconnect). */
  readonly sockets: FlakySocket[]
}

interface Pending {
  at: number
  deliver: () => void
}

/** One direction of a connection: delivers in order, each message no earlier than its own delay. */
class DelayLine {
  private readonly queue: Pending[] = []
  private timer: NodeJS.Timeout | null = null
  private tail = 0

  constructor(private readonly delay: () => number) {}

  push(deliver: () => void): void {
    this.tail = Math.max(this.tail, performance.now() + this.delay())
    this.queue.push({ at: this.tail, deliver })
    this.arm()
  }

  clear(): number {
    const lost = this.queue.length
    this.queue.length = 0
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    return lost
  }

  private arm(): void {
    if (this.timer || this.queue.length === 0) return
    this.timer = setTimeout(() => {
      this.timer = null
      const now = performance.now()
      while (this.queue.length > 0 && this.queue[0]!.at <= now) this.queue.shift()!.deliver()
      this.arm()
    }, Math.max(0, this.queue[0]!.at - performance.now()))
  }
}

export class FlakySocket {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSING = 2
  static readonly CLOSED = 3
  readonly CONNECTING = 0
  readonly OPEN = 1
  readonly CLOSING = 2
  readonly CLOSED = 3
  binaryType = 'arraybuffer'
  onopen: ((event: unknown) => void) | null = null
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null
  onclose: ((event: { code: number; reason: string }) => void) | null = null
  onerror: ((event: unknown) => void) | null = null
  /** Messages lost in flight when the connection was dropped. */
  lostInFlight = 0
  private readonly ws: WebSocket
  private readonly out: DelayLine
  private readonly in: DelayLine
  private ended = false

  constructor(url: string, rng: Random, maxDelayMs: number) {
    const delay = () => rng.int(0, maxDelayMs)
    this.out = new DelayLine(delay)
    this.in = new DelayLine(delay)
    this.ws = new WebSocket(url)
    this.ws.binaryType = 'arraybuffer'
    this.ws.on('open', () => this.in.push(() => this.onopen?.({})))
    this.ws.on('message', (data: ArrayBuffer) => this.in.push(() => this.onmessage?.({ data })))
    // The close is news from the network too: it arrives after what was sent before it.
    this.ws.on('close', (code, reason) => this.in.push(() => this.end(code, reason.toString())))
    this.ws.on('error', (err) => this.onerror?.(err))
  }

  get readyState(): number {
    return this.ended ? FlakySocket.CLOSED : this.ws.readyState
  }

  send(data: Uint8Array | ArrayBuffer): void {
    this.out.push(() => {
      if (!this.ended && this.ws.readyState === WebSocket.OPEN) this.ws.send(data)
    })
  }

  close(): void {
    this.out.push(() => this.ws.close())
  }

  /** The network fails: nothing in flight arrives, the provider sees an abnormal close (1006). */
  drop(): void {
    if (this.ended) return
    this.lostInFlight += this.out.clear() + this.in.clear()
    this.ws.terminate()
    this.end(1006, 'network dropped')
  }

  private end(code: number, reason: string): void {
    if (this.ended) return
    this.ended = true
    this.out.clear()
    this.onclose?.({ code, reason })
  }
}

export function flakyNetwork(rng: Random, maxDelayMs: number): FlakyNetwork {
  const sockets: FlakySocket[] = []
  class Socket extends FlakySocket {
    constructor(url: string) {
      super(url, rng, maxDelayMs)
      sockets.push(this)
    }
  }
  return { Socket: Socket as unknown as typeof globalThis.WebSocket, sockets }
}
