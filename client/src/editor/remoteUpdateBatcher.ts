import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import type { WebsocketProvider } from 'y-websocket'
import { MESSAGE_SYNC, SYNC_UPDATE } from '../../../shared/protocol'

/** A hidden tab gets no animation frames: queued edits are applied after this long anyway. */
const HIDDEN_TAB_FLUSH_MS = 100

/**
 * Applies remote edits once per animation frame instead of once per message. Each remote Yjs
 * transaction costs a ProseMirror view update and a layout of the changed blocks (and, before
 * minimalRemoteSteps.ts, a rebuild of the whole document); a burst of 1,000 one-keystroke messages
 * applied one by one kept a 200-page draft busy for minutes (issue 6). Queued updates go into one
 * transaction per frame; sync steps 1 and 2 flush the queue first, so the order is kept. Returns a
 * function that stops batching (and applies what is queued).
 */
export function batchRemoteUpdates(provider: WebsocketProvider, doc: Y.Doc): () => void {
  const handleSync = provider.messageHandlers[MESSAGE_SYNC]!
  let queue: Uint8Array[] = []
  let frame = 0
  let timer: ReturnType<typeof setTimeout> | null = null

  const flush = () => {
    cancelAnimationFrame(frame)
    if (timer) clearTimeout(timer)
    frame = 0
    timer = null
    const updates = queue
    queue = []
    if (updates.length === 0 || doc.isDestroyed) return
    // Not local: the same kind of transaction a single remote message would have made.
    Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, u, provider)), provider, false)
  }

  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, messageType) => {
    const start = decoder.pos
    if (decoding.readVarUint(decoder) === SYNC_UPDATE) {
      queue.push(decoding.readVarUint8Array(decoder))
      if (frame === 0) frame = requestAnimationFrame(flush)
      timer ??= setTimeout(flush, HIDDEN_TAB_FLUSH_MS)
      return
    }
    flush()
    decoder.pos = start
    handleSync(encoder, decoder, p, emitSynced, messageType)
  }

  return () => {
    flush()
    provider.messageHandlers[MESSAGE_SYNC] = handleSync
  }
}
