import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { decodeAccordPayload } from '../../shared/accordMessages'
import { ACCORD_CLIENT_PARAM, MESSAGE_COMMENTS, MESSAGE_DRAFT, MESSAGE_SAVE_STATUS, MESSAGE_SESSION } from '../../shared/protocol'
import type { CommentEvent, DocumentMeta, Role } from '../../shared/types'
import { connectClient, waitFor, type YClient } from './yClient'

/**
 * A Node client that decides "saved" the way the browser does (client/src/editor/DocumentSession.ts): a
 * stock WebsocketProvider with `client=accord`, plus a handler for the save-status message that records,
 * per clientID, the clock up to which the server says edits are on disk.
 */
export interface AccordClient extends YClient {
  /** Comment events received, oldest first (decoded with the app's own codec), with when they arrived (performance.now()). */
  readonly commentEvents: readonly { at: number; event: CommentEvent }[]
  /** The draft's records pushed to this window (a new phase, a deadline), oldest first. */
  readonly draftEvents: readonly DocumentMeta[]
  /** Roles the server announced for this window (a role change), with when they arrived (performance.now()). */
  readonly sessionEvents: readonly { at: number; role: Role }[]
  /** Every save-status message: whether the last write succeeded and this tab's confirmed clock, with when it came. */
  readonly saveEvents: readonly { at: number; ok: boolean; clock: number }[]
  /** Closes by the server, with their code and when they came (performance.now()). */
  readonly closes: readonly { at: number; code: number; reason: string }[]
  /** Whether the last save-status message said the last write succeeded. */
  readonly lastSaveOk: () => boolean
  /** This tab's own clock: everything below it was typed here. */
  ownClock(): number
  /** The server confirmed every edit typed here is on disk (what the browser shows as "All changes saved"). */
  isSaved(): boolean
  /** The browser's three states. */
  saveState(): 'saved' | 'saving' | 'failed'
  waitSaved(timeout?: number): Promise<void>
}

export function connectAccordClient(
  serverUrl: string,
  documentId: string,
  token: string,
  options: { doc?: Y.Doc; connect?: boolean } = {},
): AccordClient {
  const client = connectClient(serverUrl, documentId, token, { ...options, params: { client: ACCORD_CLIENT_PARAM } })
  const durable = new Map<number, number>()
  const saveEvents: { at: number; ok: boolean; clock: number }[] = []
  let ok = true
  const commentEvents: { at: number; event: CommentEvent }[] = []
  const handlers = client.provider.messageHandlers as unknown as Array<(e: unknown, d: decoding.Decoder) => void>
  handlers[MESSAGE_SAVE_STATUS] = (_encoder, decoder) => {
    const status = decodeAccordPayload(MESSAGE_SAVE_STATUS, decoder)
    ok = status.ok
    for (const [clientID, clock] of status.clocks) durable.set(clientID, clock)
    saveEvents.push({ at: performance.now(), ok: status.ok, clock: durable.get(client.doc.clientID) ?? 0 })
  }
  handlers[MESSAGE_COMMENTS] = (_encoder, decoder) => {
    commentEvents.push({ at: performance.now(), event: decodeAccordPayload(MESSAGE_COMMENTS, decoder).event })
  }
  const sessionEvents: { at: number; role: Role }[] = []
  handlers[MESSAGE_SESSION] = (_encoder, decoder) => void sessionEvents.push({ at: performance.now(), role: decodeAccordPayload(MESSAGE_SESSION, decoder).role })
  const closes: { at: number; code: number; reason: string }[] = []
  client.provider.on('connection-close', (event) => {
    if (event) closes.push({ at: performance.now(), code: event.code, reason: event.reason })
  })
  const draftEvents: DocumentMeta[] = []
  handlers[MESSAGE_DRAFT] = (_encoder, decoder) => void draftEvents.push(decodeAccordPayload(MESSAGE_DRAFT, decoder).draft)
  const ownClock = () => Y.getState(client.doc.store, client.doc.clientID)
  const isSaved = () => (durable.get(client.doc.clientID) ?? 0) >= ownClock()
  return {
    ...client,
    commentEvents,
    draftEvents,
    sessionEvents,
    saveEvents,
    closes,
    lastSaveOk: () => ok,
    ownClock,
    isSaved,
    saveState: () => (isSaved() ? 'saved' : ok ? 'saving' : 'failed'),
    waitSaved: (timeout = 15_000) => waitFor(isSaved, 'the server has not confirmed every edit as saved', timeout),
  }
}
