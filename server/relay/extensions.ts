import type { AccordMessageOf, AccordMessageType } from '../../shared/accordMessages'
import type { Action } from '../../shared/policy'
import type { Participant } from '../../shared/types'
import type { RelayConnection } from './RelayConnection'
import type { RelayRoom } from './RelayRoom'

/** Whether an incoming Yjs update may be applied, and if not, why (for the log). */
export type UpdateVerdict = { accept: true } | { accept: false; reason: string }

/** Closes a connection before its message is read. */
export interface CloseVerdict {
  close: number
  reason: string
}

/**
 * Whether a connection's next message is read now (undefined), after a pause in reading of `waitMs`
 * (0: once other connections had their turn), or never (the connection is closed).
 */
export type Admission = undefined | { waitMs: number } | CloseVerdict

/** A handler for one of Accord's own client → server message types. */
export interface AccordHandler<T extends AccordMessageType = AccordMessageType> {
  type: T
  /** What a sender needs to be allowed (shared/policy.ts); messages from others are dropped unread. */
  action: Action
  handle(conn: RelayConnection, message: AccordMessageOf<T>): void
}

/**
 * A registered piece of the relay's pipeline, in the spirit of Hocuspocus's extension hooks: rate limits,
 * saved acknowledgements and the comment channel are each one. Every hook is optional; the relay calls
 * them in registration order.
 */
export interface RelayExtension {
  /** For logs and diagnostics. */
  name: string
  /** A connection joined its draft and was greeted. */
  onConnect?(conn: RelayConnection): void
  /** Before each incoming message is read: read it now, pause reading this connection, or close it. */
  admit?(conn: RelayConnection): Admission
  /** After an incoming message was handled: the event-loop time its handling took (ms). */
  afterMessage?(conn: RelayConnection, busyMs: number): void
  /** An incoming Yjs update the policy allows, before it is applied: may still drop it. */
  beforeApplyUpdate?(conn: RelayConnection, update: Uint8Array): UpdateVerdict
  /** Accord's own messages this piece reads. */
  handlers?: readonly SomeAccordHandler[]
  /** A connection introduced an awareness clientID as its own. */
  onClientClaimed?(conn: RelayConnection, clientId: number): void
  /** A draft with connections was written, or writing it failed. */
  onDraftSaved?(room: RelayRoom): void
  /** The participant behind a connection changed (role, name, org). */
  onParticipantChanged?(conn: RelayConnection, previous: Participant): void
  onDisconnect?(conn: RelayConnection): void
}

/** A handler for any one of the types. */
export type SomeAccordHandler = { [T in AccordMessageType]: AccordHandler<T> }[AccordMessageType]

/** Lets a piece reach the connections of a draft (to push events). */
export interface RelayView {
  connectionsOn(documentId: string): readonly RelayConnection[]
}
