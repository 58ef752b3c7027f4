import type { WebSocket } from 'ws'

/** The socket under a relay connection: a WebSocket in production, an in-memory pair in unit tests. */
export interface Transport {
  send(message: Uint8Array): void
  close(code: number, reason: string): void
  readonly open: boolean
  /** Bytes queued for sending and not yet taken by the network. */
  readonly bufferedAmount: number
  /** Stops reading from the peer (its messages wait in the network; TCP flow control slows the sender). */
  pause(): void
  /** Reads again after `pause`. */
  resume(): void
}

/** A `ws` WebSocket as a transport. */
export function wsTransport(ws: WebSocket): Transport {
  return {
    send: (message) => ws.send(message),
    close: (code, reason) => ws.close(code, reason),
    get open() {
      return ws.readyState === ws.OPEN
    },
    get bufferedAmount() {
      return ws.bufferedAmount
    },
    // ws's own pause/resume (ws ≥ 8.x): it pauses the net.Socket, which stops reading once its buffer is
    // full. Frames already parsed from the last chunk are still delivered; the connection queues those.
    pause: () => ws.pause(),
    resume: () => ws.resume(),
  }
}
