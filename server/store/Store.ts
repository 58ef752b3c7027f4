import type { DeliveryState, NotificationChannel, StoredNotification } from '../../shared/notifications'
import type { DocumentMeta, DraftAuthors, Participant, StoredComment, Version } from '../../shared/types'

/** A hashed secret that signs someone in: a one-time link, a long-lived API token, or a browser session. */
export interface Credential {
  /** SHA-256 of the secret, hex. The secret itself is never stored. */
  hash: string
  kind: 'link' | 'token' | 'session'
  participantId: string
  createdAt: string
  expiresAt?: string
  /** Links are single use: set when redeemed. */
  usedAt?: string
}

/** One comment to store, with the revision its writer read (optimistic concurrency). */
export interface CommentWrite {
  comment: StoredComment
  /** `rev` of the stored comment this one was made from; null when the comment must not exist yet. */
  expectedRev: number | null
}

/** A version as stored: immutable once written. */
export interface StoredVersion {
  version: Version
  /** The draft's full Yjs state at that moment (one update). */
  state: Uint8Array
  /** The draft as ProseMirror JSON. */
  draft: unknown
}

/** A comment to take out of the record (a delegation's draft once submitted, merged or discarded). */
export interface CommentRemoval {
  id: string
  /** `rev` of the stored comment the remover read. */
  expectedRev: number
}

/** Which notifications to list (every field given must match). */
export interface NotificationQuery {
  documentId?: string
  recipientId?: string
  channel?: NotificationChannel
  state?: DeliveryState
  eventId?: string
}

/** Small workspace-wide values (e.g. whether the first chair has signed in yet). */
export type Settings = Record<string, string | number | boolean>

/**
 * Everything Accord keeps. Implementations: `LowdbStore` (embedded default, files in DATA_DIR) and
 * `MemoryStore` (tests). Writes resolve only once durable; a rejected write leaves the data as before.
 * Reads of comments may see a write that is still being made durable.
 */
export interface Store {
  open(): Promise<void>
  close(): Promise<void>

  listParticipants(): Promise<Participant[]>
  getParticipant(id: string): Promise<Participant | undefined>
  putParticipant(participant: Participant): Promise<void>

  putCredential(credential: Credential): Promise<void>
  findCredential(hash: string): Promise<Credential | undefined>
  /** Deletes one credential (sign-out); a hash that is not stored is no error. */
  deleteCredential(hash: string): Promise<void>
  /** Deletes every credential of a participant (revocation), or only those of one kind. */
  deleteCredentialsOf(participantId: string, kind?: Credential['kind']): Promise<void>

  getSettings(): Promise<Settings>
  putSettings(patch: Settings): Promise<void>

  listDocuments(): Promise<DocumentMeta[]>
  getDocument(id: string): Promise<DocumentMeta | undefined>
  /** Creates a document with its initial Yjs state (one update). */
  createDocument(meta: DocumentMeta, initialState: Uint8Array): Promise<void>
  putDocumentMeta(meta: DocumentMeta): Promise<void>
  /** The updates that rebuild the document, in order. */
  loadDocumentState(id: string): Promise<Uint8Array[]>
  /**
   * Durably records updates; `fullState` is called if the store decides to compact. A callback, not
   * data, because only the caller holds the live document; it is pure and cheap to skip, so any store
   * (a database too) can call it when its own compaction rule says so.
   */
  appendDocumentUpdates(id: string, updates: readonly Uint8Array[], fullState: () => Uint8Array): Promise<void>

  listComments(documentId: string): Promise<StoredComment[]>
  getComment(documentId: string, commentId: string): Promise<StoredComment | undefined>
  /**
   * Inserts or replaces comments, and removes others, as one atomic batch: all are stored, or none. When
   * any stored revision differs from its write's or removal's `expectedRev` (checked against every write
   * accepted before, including writes not yet durable), it rejects with `CommentConflictError` and
   * stores nothing. `notifications` (the outbox entries the change causes) are stored in the same atomic
   * batch, each only if its id is not stored yet (the id is the idempotency key).
   */
  putComments(
    documentId: string,
    writes: readonly CommentWrite[],
    removals?: readonly CommentRemoval[],
    notifications?: readonly StoredNotification[],
  ): Promise<void>

  /** Durably adds outbox entries about a draft; an id already stored keeps its entry as it is (idempotent). */
  addNotifications(documentId: string, notifications: readonly StoredNotification[]): Promise<void>
  /** Durably replaces stored entries (delivery state, read marks); ids not stored are ignored. */
  updateNotifications(documentId: string, notifications: readonly StoredNotification[]): Promise<void>
  /** Durable outbox entries matching the query, oldest first (an entry being written is not listed yet). */
  listNotifications(query: NotificationQuery): Promise<StoredNotification[]>

  /** Durably stores a new version; refuses an id the document already has. Versions are never changed. */
  putVersion(stored: StoredVersion): Promise<void>
  /** A document's versions, oldest first. */
  listVersions(documentId: string): Promise<Version[]>
  getVersion(documentId: string, versionId: string): Promise<StoredVersion | undefined>

  /** Who typed with which Yjs clientID in a draft. */
  getDraftAuthors(documentId: string): Promise<DraftAuthors>
  /** Adds clientIDs to a draft's authors (an existing clientID keeps its author). */
  addDraftAuthors(documentId: string, authors: DraftAuthors): Promise<void>

  /** Bytes written to disk so far, by kind (benchmarks; 0 for stores without disk). */
  bytesWritten(): { documents: number; comments: number; workspace: number }
}
