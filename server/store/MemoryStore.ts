import type { StoredNotification } from '../../shared/notifications'
import type { DocumentMeta, DraftAuthors, Participant, StoredComment, Version } from '../../shared/types'
import { refuseStaleWrites } from './commentConflicts'
import { oldestFirst } from './files/versionFiles'
import { aboutDraft, matchesQuery, oldestNotificationFirst } from './notificationQuery'
import type { CommentRemoval, CommentWrite, Credential, NotificationQuery, Settings, Store, StoredVersion } from './Store'

/** Folds the update list into one state update beyond this many entries, as the disk store does. */
const MAX_UPDATES_BEFORE_COMPACTION = 500

/** A Store that keeps everything in memory: for unit tests and short-lived test servers. */
export class MemoryStore implements Store {
  private readonly participants = new Map<string, Participant>()
  private readonly credentials = new Map<string, Credential>()
  private settings: Settings = {}
  private readonly documents = new Map<string, DocumentMeta>()
  private readonly states = new Map<string, Uint8Array[]>()
  private readonly versions = new Map<string, StoredVersion[]>()
  private readonly authors = new Map<string, DraftAuthors>()
  private readonly comments = new Map<string, Map<string, StoredComment>>()
  private readonly notifications = new Map<string, StoredNotification>()

  async open(): Promise<void> {}
  async close(): Promise<void> {}

  async listParticipants(): Promise<Participant[]> {
    return [...this.participants.values()].map((p) => structuredClone(p))
  }
  async getParticipant(id: string): Promise<Participant | undefined> {
    const p = this.participants.get(id)
    return p && structuredClone(p)
  }
  async putParticipant(participant: Participant): Promise<void> {
    this.participants.set(participant.id, structuredClone(participant))
  }

  async putCredential(credential: Credential): Promise<void> {
    this.credentials.set(credential.hash, { ...credential })
  }
  async findCredential(hash: string): Promise<Credential | undefined> {
    const c = this.credentials.get(hash)
    return c && { ...c }
  }
  async deleteCredential(hash: string): Promise<void> {
    this.credentials.delete(hash)
  }
  async deleteCredentialsOf(participantId: string, kind?: Credential['kind']): Promise<void> {
    for (const [hash, c] of this.credentials) {
      if (c.participantId === participantId && (kind === undefined || c.kind === kind)) this.credentials.delete(hash)
    }
  }

  async getSettings(): Promise<Settings> {
    return { ...this.settings }
  }
  async putSettings(patch: Settings): Promise<void> {
    this.settings = { ...this.settings, ...patch }
  }

  async listDocuments(): Promise<DocumentMeta[]> {
    return [...this.documents.values()].map((d) => ({ ...d }))
  }
  async getDocument(id: string): Promise<DocumentMeta | undefined> {
    const d = this.documents.get(id)
    return d && { ...d }
  }
  async createDocument(meta: DocumentMeta, initialState: Uint8Array): Promise<void> {
    if (this.documents.has(meta.id)) throw new Error(`document ${meta.id} already exists`)
    this.documents.set(meta.id, { ...meta })
    this.states.set(meta.id, [initialState.slice()])
  }
  async putDocumentMeta(meta: DocumentMeta): Promise<void> {
    if (!this.documents.has(meta.id)) throw new Error(`document ${meta.id} does not exist`)
    this.documents.set(meta.id, { ...meta })
  }
  async loadDocumentState(id: string): Promise<Uint8Array[]> {
    return (this.states.get(id) ?? []).map((u) => u.slice())
  }
  async appendDocumentUpdates(id: string, updates: readonly Uint8Array[], fullState: () => Uint8Array): Promise<void> {
    const list = this.states.get(id)
    if (!list) throw new Error(`document ${id} does not exist`)
    list.push(...updates.map((u) => u.slice()))
    if (list.length > MAX_UPDATES_BEFORE_COMPACTION) this.states.set(id, [fullState().slice()])
  }

  async listComments(documentId: string): Promise<StoredComment[]> {
    return [...(this.comments.get(documentId)?.values() ?? [])].map((c) => structuredClone(c))
  }
  async getComment(documentId: string, commentId: string): Promise<StoredComment | undefined> {
    const c = this.comments.get(documentId)?.get(commentId)
    return c && structuredClone(c)
  }
  async putComments(
    documentId: string,
    writes: readonly CommentWrite[],
    removals: readonly CommentRemoval[] = [],
    notifications: readonly StoredNotification[] = [],
  ): Promise<void> {
    const map = this.comments.get(documentId) ?? new Map<string, StoredComment>()
    refuseStaleWrites(documentId, writes, (id) => map.get(id), removals)
    aboutDraft(documentId, notifications)
    for (const { comment } of writes) map.set(comment.id, structuredClone(comment))
    for (const { id } of removals) map.delete(id)
    this.comments.set(documentId, map)
    await this.addNotifications(documentId, notifications)
  }

  async addNotifications(documentId: string, notifications: readonly StoredNotification[]): Promise<void> {
    aboutDraft(documentId, notifications)
    for (const n of notifications) if (!this.notifications.has(n.id)) this.notifications.set(n.id, structuredClone(n))
  }
  async updateNotifications(_documentId: string, notifications: readonly StoredNotification[]): Promise<void> {
    for (const n of notifications) if (this.notifications.has(n.id)) this.notifications.set(n.id, structuredClone(n))
  }
  async listNotifications(query: NotificationQuery): Promise<StoredNotification[]> {
    return [...this.notifications.values()].filter((n) => matchesQuery(n, query)).sort(oldestNotificationFirst).map((n) => structuredClone(n))
  }

  async putVersion(stored: StoredVersion): Promise<void> {
    const { documentId, id } = stored.version
    if (!this.documents.has(documentId)) throw new Error(`document ${documentId} does not exist`)
    const list = this.versions.get(documentId) ?? []
    if (list.some((v) => v.version.id === id)) throw new Error(`version ${id} already exists`)
    this.versions.set(documentId, [...list, structuredClone(stored)])
  }
  async listVersions(documentId: string): Promise<Version[]> {
    return (this.versions.get(documentId) ?? []).map((v) => structuredClone(v.version)).sort(oldestFirst)
  }
  async getVersion(documentId: string, versionId: string): Promise<StoredVersion | undefined> {
    const v = this.versions.get(documentId)?.find((x) => x.version.id === versionId)
    return v && structuredClone(v)
  }
  async getDraftAuthors(documentId: string): Promise<DraftAuthors> {
    return { ...this.authors.get(documentId) }
  }
  async addDraftAuthors(documentId: string, authors: DraftAuthors): Promise<void> {
    if (!this.documents.has(documentId)) throw new Error(`document ${documentId} does not exist`)
    this.authors.set(documentId, { ...authors, ...this.authors.get(documentId) })
  }

  bytesWritten(): { documents: number; comments: number; workspace: number } {
    return { documents: 0, comments: 0, workspace: 0 }
  }
}
