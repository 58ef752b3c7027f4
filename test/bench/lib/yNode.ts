import * as Y from 'yjs'
import type { WebsocketProvider } from 'y-websocket'
import { stockProvider } from '../../helpers/stockProvider'

/** Where a stock y-websocket client connects: a relay's URL, the room (draft id) and, for Accord, a token. */
export interface Endpoint {
  wsUrl: string
  room: string
  token?: string
  /** Applied before connecting: the stock server starts empty, so its clients bring the draft's bytes. */
  seed?: Uint8Array
}

export interface NodeClient {
  doc: Y.Doc
  provider: WebsocketProvider
  synced: Promise<void>
  destroy(): void
}

/** A stock y-websocket provider in Node (ws polyfill, no BroadcastChannel), as the issue prescribes. */
export function connectClient(endpoint: Endpoint): NodeClient {
  const doc = new Y.Doc()
  if (endpoint.seed) Y.applyUpdate(doc, endpoint.seed)
  const provider = stockProvider(endpoint.wsUrl, endpoint.room, doc, {
    params: endpoint.token ? { token: endpoint.token } : {},
    maxBackoffTime: 1000,
  })
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) return resolve()
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return
      provider.off('sync', onSync)
      resolve()
    }
    provider.on('sync', onSync)
  })
  return {
    doc,
    provider,
    synced,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Resolves when `promise` does, or rejects after `ms` with `what` in the message. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms)
    }),
  ])
}
