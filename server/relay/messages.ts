import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import {
  MESSAGE_AWARENESS,
  MESSAGE_COMMENTS,
  MESSAGE_SAVE_STATUS,
  MESSAGE_SESSION,
  MESSAGE_SYNC,
  SAVE_FAILED,
  SAVE_OK,
} from '../../shared/protocol'
import type { CommentEvent, Role } from '../../shared/types'

/** Encoders for every message the relay sends. */

export function syncStep1Message(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE_SYNC)
  syncProtocol.writeSyncStep1(e, doc)
  return encoding.toUint8Array(e)
}

export function syncStep2Message(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE_SYNC)
  syncProtocol.writeSyncStep2(e, doc, stateVector)
  return encoding.toUint8Array(e)
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE_SYNC)
  syncProtocol.writeUpdate(e, update)
  return encoding.toUint8Array(e)
}

export function awarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(e, awarenessUpdate)
  return encoding.toUint8Array(e)
}

/**
 * Which of a connection's edits are on disk: for each clientID the connection owns, the clock up to which
 * its edits are durable. With `ok` false the last save failed and is being retried.
 */
export function saveStatusMessage(ok: boolean, clocks: ReadonlyArray<readonly [number, number]>): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE_SAVE_STATUS)
  encoding.writeVarUint(e, ok ? SAVE_OK : SAVE_FAILED)
  encoding.writeVarUint(e, clocks.length)
  for (const [client, clock] of clocks) {
    encoding.writeVarUint(e, client)
    encoding.writeVarUint(e, clock)
  }
  return encoding.toUint8Array(e)
}

export function commentsMessage(event: CommentEvent): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE_COMMENTS)
  encoding.writeVarString(e, JSON.stringify(event))
  return encoding.toUint8Array(e)
}

export function sessionMessage(role: Role): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE_SESSION)
  encoding.writeVarString(e, JSON.stringify({ role }))
  return encoding.toUint8Array(e)
}
