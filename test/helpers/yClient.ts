import * as Y from 'yjs'
import type { WebsocketProvider } from 'y-websocket'
import { vi } from 'vitest'
import { CONTENT_FIELD } from '../../shared/protocol'
import { stockProvider } from './stockProvider'

/** A stock y-websocket client in Node: ws polyfill, no BroadcastChannel, token as a query parameter. */
export interface YClient {
  doc: Y.Doc
  provider: WebsocketProvider
  text: Y.XmlText | null
  destroy(): void
}

export function connectClient(
  serverUrl: string,
  documentId: string,
  token: string,
  options: { doc?: Y.Doc; params?: Record<string, string>; connect?: boolean; WebSocketPolyfill?: typeof globalThis.WebSocket } = {},
): YClient {
  const doc = options.doc ?? new Y.Doc()
  const provider = stockProvider(`${serverUrl.replace(/^http/, 'ws')}/collab`, documentId, doc, {
    ...options,
    params: { token, ...options.params },
    maxBackoffTime: 300,
  })
  return {
    doc,
    provider,
    text: null,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Waits until the provider has exchanged sync step 2 with the server. */
export async function waitSynced(client: YClient, timeout = 10_000): Promise<void> {
  await vi.waitFor(
    () => {
      if (!client.provider.synced) throw new Error('not synced yet')
    },
    { timeout, interval: 10 },
  )
}

/** The draft's plain text (all text runs in document order, blocks separated by newlines). */
export function draftText(doc: Y.Doc): string {
  const parts: string[] = []
  const walk = (node: Y.XmlElement | Y.XmlFragment | Y.XmlText) => {
    if (node instanceof Y.XmlText) {
      parts.push(node.toDelta().map((d: { insert: unknown }) => (typeof d.insert === 'string' ? d.insert : '')).join(''))
      return
    }
    node.toArray().forEach((child) => walk(child as Y.XmlElement | Y.XmlText))
  }
  walk(doc.getXmlFragment(CONTENT_FIELD))
  return parts.join('\n')
}

/** Waits for a condition on a client's doc. */
export async function waitFor(check: () => boolean, message: string, timeout = 10_000): Promise<void> {
  await vi.waitFor(
    () => {
      if (!check()) throw new Error(message)
    },
    { timeout, interval: 10 },
  )
}

/** The draft's text as a fresh stock client receives it from the server (connects, syncs, leaves). */
export async function readDraftText(serverUrl: string, documentId: string, token: string): Promise<string> {
  const reader = connectClient(serverUrl, documentId, token)
  try {
    await waitSynced(reader)
    return draftText(reader.doc)
  } finally {
    reader.destroy()
  }
}
