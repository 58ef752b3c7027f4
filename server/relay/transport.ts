import type { WebSocket } from 'ws'

/** The socket under a relay connection: a WebSocket in production, an in-memory pair in unit tests. */
export interface Transport {
  send(message: Uint8Array): void
  close(code: number, reason: string): void
  readonly open: boolean
  /** Bytes queued for sending and not yet taken by the network. */
  readonly bufferedAmount: number
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
  }
}
