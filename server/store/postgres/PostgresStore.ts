import type pg from 'pg'
import type { StoredNotification } from '../../../shared/notifications'
import type { DocumentMeta, DraftAuthors, Participant, StoredComment, Version } from '../../../shared/types'
import type { Logger } from '../../logger'
import { PerDraftQueue } from '../../comments/PerDraftQueue'
import type { CommentRemoval, CommentWrite, Credential, NotificationQuery, Settings, Store, StoredVersion } from '../Store'
import { CommentRows } from './commentRows'
import { DocumentRows } from './documentRows'
import type { WriteFence } from './fence'
import { HistoryRows } from './historyRows'
import { migrate } from './migrations'
import { NotificationRows } from './notificationRows'
import { createPool } from './pool'
import { WorkspaceRows } from './workspaceRows'

export interface PostgresStoreOptions {
  pool: pg.Pool
  /** Fences every write of a draft with this instance's lease (scale-out); none: writes are not fenced. */
  fence?: WriteFence | null
  /** Ends the pool when the store closes (a store that made its own pool). */
  ownsPool?: boolean
}

/**
 * The server-grade store: everything in PostgreSQL (DATABASE_URL), shared by every Accord instance. A
 * write resolves once its transaction has committed. One class per concern holds the SQL (workspace,
 * documents, comments, history); this one only puts them behind the Store interface.
 */
export class PostgresStore implements Store {
  private readonly pool: pg.Pool
  private readonly workspace: WorkspaceRows
  private readonly documents: DocumentRows
  private readonly comments: CommentRows
  private readonly history: HistoryRows
  private readonly notifications: NotificationRows

  constructor(private readonly options: PostgresStoreOptions) {
    this.pool = options.pool
    const fence = options.fence ?? null
    this.workspace = new WorkspaceRows(this.pool)
    this.documents = new DocumentRows(this.pool, fence)
    // Comments and outbox entries of a draft reach the database in the order they were written.
    const queue = new PerDraftQueue()
    this.comments = new CommentRows(this.pool, fence, queue)
    this.notifications = new NotificationRows(this.pool, queue)
    this.history = new HistoryRows(this.pool, fence)
  }

  /** A store with a pool of its own (tools, tests); closing the store ends the pool. */
  static connect(url: string, logger: Logger, fence: WriteFence | null = null): PostgresStore {
    return new PostgresStore({ pool: createPool(url, logger, { name: 'accord-store' }), fence, ownsPool: true })
  }

  async open(): Promise<void> {
    await migrate(this.pool)
  }

  async close(): Promise<void> {
    if (this.options.ownsPool) await this.pool.end()
  }

  listParticipants(): Promise<Participant[]> {
    return this.workspace.listParticipants()
  }
  getParticipant(id: string): Promise<Participant | undefined> {
    return this.workspace.getParticipant(id)
  }
  putParticipant(participant: Participant): Promise<void> {
    return this.workspace.putParticipant(participant)
  }
  putCredential(credential: Credential): Promise<void> {
    return this.workspace.putCredential(credential)
  }
  findCredential(hash: string): Promise<Credential | undefined> {
    return this.workspace.findCredential(hash)
  }
  listCredentials(): Promise<Credential[]> {
    return this.workspace.listCredentials()
  }
  deleteCredential(hash: string): Promise<void> {
    return this.workspace.deleteCredential(hash)
  }
  deleteCredentialsOf(participantId: string, kind?: Credential['kind']): Promise<void> {
    return this.workspace.deleteCredentialsOf(participantId, kind)
  }
  markCredentialUsed(hash: string, usedAt: string): Promise<boolean> {
    return this.workspace.markCredentialUsed(hash, usedAt)
  }
  getSettings(): Promise<Settings> {
    return this.workspace.getSettings()
  }
  putSettings(patch: Settings): Promise<void> {
    return this.workspace.putSettings(patch)
  }

  listDocuments(): Promise<DocumentMeta[]> {
    return this.documents.listDocuments()
  }
  getDocument(id: string): Promise<DocumentMeta | undefined> {
    return this.documents.getDocument(id)
  }
  createDocument(meta: DocumentMeta, initialState: Uint8Array): Promise<void> {
    return this.documents.createDocument(meta, initialState)
  }
  putDocumentMeta(meta: DocumentMeta): Promise<void> {
    return this.documents.putDocumentMeta(meta)
  }
  loadDocumentState(id: string): Promise<Uint8Array[]> {
    return this.documents.loadDocumentState(id)
  }
  appendDocumentUpdates(id: string, updates: readonly Uint8Array[], fullState: () => Uint8Array): Promise<void> {
    return this.documents.appendDocumentUpdates(id, updates, fullState)
  }

  listComments(documentId: string): Promise<StoredComment[]> {
    return this.comments.listComments(documentId)
  }
  getComment(documentId: string, commentId: string): Promise<StoredComment | undefined> {
    return this.comments.getComment(documentId, commentId)
  }
  putComments(
    documentId: string,
    writes: readonly CommentWrite[],
    removals: readonly CommentRemoval[] = [],
    notifications: readonly StoredNotification[] = [],
  ): Promise<void> {
    return this.comments.putComments(documentId, writes, removals, notifications)
  }
  commentSequences(documentId: string): Promise<Map<string, number>> {
    return this.comments.commentSequences(documentId)
  }

  addNotifications(documentId: string, notifications: readonly StoredNotification[]): Promise<void> {
    return this.notifications.addNotifications(documentId, notifications)
  }
  updateNotifications(documentId: string, notifications: readonly StoredNotification[]): Promise<void> {
    return this.notifications.updateNotifications(documentId, notifications)
  }
  listNotifications(query: NotificationQuery): Promise<StoredNotification[]> {
    return this.notifications.listNotifications(query)
  }
  claimMail(mailId: string, now: number, holdMs: number): Promise<StoredNotification[]> {
    return this.notifications.claimMail(mailId, now, holdMs)
  }

  putVersion(stored: StoredVersion): Promise<void> {
    return this.history.putVersion(stored)
  }
  listVersions(documentId: string): Promise<Version[]> {
    return this.history.listVersions(documentId)
  }
  getVersion(documentId: string, versionId: string): Promise<StoredVersion | undefined> {
    return this.history.getVersion(documentId, versionId)
  }
  getDraftAuthors(documentId: string): Promise<DraftAuthors> {
    return this.history.getDraftAuthors(documentId)
  }
  addDraftAuthors(documentId: string, authors: DraftAuthors): Promise<void> {
    return this.history.addDraftAuthors(documentId, authors)
  }

  /** Bytes go to the database, not to files this process writes. */
  bytesWritten(): { documents: number; comments: number; workspace: number } {
    return { documents: 0, comments: 0, workspace: 0 }
  }
}
