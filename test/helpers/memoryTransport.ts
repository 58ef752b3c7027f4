import type { Transport } from '../../server/relay/transport'

/** The client's end of an in-memory connection: what the relay sent, and whether it closed. */
export interface MemoryPeer {
  readonly transport: Transport
  readonly sent: Uint8Array[]
  closed: { code: number; reason: string } | null
  /** Whether the relay has stopped reading this peer (flow control). */
  paused: boolean
}

/** An in-memory socket for unit tests of the relay: records every frame sent, never backs up. */
export function memoryPeer(): MemoryPeer {
  const peer: MemoryPeer = {
    sent: [],
    closed: null,
    paused: false,
    transport: {
      send: (message) => void peer.sent.push(message.slice()),
      close: (code, reason) => {
        peer.closed ??= { code, reason }
      },
      get open() {
        return peer.closed === null
      },
      bufferedAmount: 0,
      pause: () => void (peer.paused = true),
      resume: () => void (peer.paused = false),
    },
  }
  return peer
}
