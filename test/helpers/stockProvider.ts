import type * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'

/**
 * A stock y-websocket provider in Node, as real scripts connect: the ws polyfill (Node 20 has no
 * WebSocket) and no BroadcastChannel (else same-process clients would sync without the server and a
 * test would prove nothing). Free of vitest, so the benchmark processes use it too.
 */
export function stockProvider(
  wsUrl: string,
  room: string,
  doc: Y.Doc,
  options: { params?: Record<string, string>; connect?: boolean; maxBackoffTime: number; WebSocketPolyfill?: typeof globalThis.WebSocket },
): WebsocketProvider {
  return new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: options.WebSocketPolyfill ?? (WebSocket as unknown as typeof globalThis.WebSocket),
    disableBc: true,
    params: options.params ?? {},
    connect: options.connect ?? true,
    maxBackoffTime: options.maxBackoffTime,
  })
}
