import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import type { StoredNotification } from '../../shared/notifications'
import type { DocumentMeta, DraftAuthors, Participant, StoredComment, Version } from '../../shared/types'
import { CommentJournal } from './files/commentJournal'
import { DocumentStateFiles } from './files/documentStateFiles'
import { DraftHistoryFiles } from './files/draftHistoryFiles'
import { DurableJsonFile } from './files/DurableJsonFile'
import { acquireLock } from './files/lockFile'
import { refuseStaleWrites } from './commentConflicts'
import { aboutDraft, matchesQuery, oldestNotificationFirst } from './notificationQuery'
import type { CommentRemoval, CommentWrite, Credential, NotificationQuery, Settings, Store, StoredVersion } from './Store'

interface Workspace {
  version: 1
  participants: Participant[]
  credentials: Credential[]
  documents: DocumentMeta[]
  settings: Settings
}

const isWorkspace = (data: unknown): data is Workspace => {
  const w = data as Workspace
  return (
    typeof w === 'object' &&
    w !== null &&
    w.version === 1 &&
    Array.isArray(w.participants) &&
    Array.isArray(w.credentials) &&
    Array.isArray(w.documents) &&
    typeof w.settings === 'object'
  )
}

/**
 * Puts `item` in place of the entry `same` finds (or appends it) and returns the undo for a failed write,
 * which takes back only this change: not once a later change has replaced the entry meanwhile.
 */
function replaceIn<T>(list: T[], item: T, same: (entry: T) => boolean): () => void {
  const i = list.findIndex(same)
  const before = i >= 0 ? list[i] : undefined
  if (before !== undefined) list[i] = item
  else list.push(item)
  return () => {
    const j = list.indexOf(item)
    if (j < 0) return
    if (before !== undefined) list[j] = before
    else list.splice(j, 1)
  }
}

/** File names inside DATA_DIR. */
export const DATA_FILES = {
  lock: 'accord.lock',
  workspace: 'workspace.json',
  documents: 'documents',
  comments: 'comments',
  versions: 'versions',
} as const

/**
 * The embedded store: lowdb JSON files plus append-only logs, in DATA_DIR.
 *
 * - `workspace.json` (lowdb): participants, hashed credentials, document list, settings: small and rarely
 *   written, so a whole-file atomic rewrite is fine.
 * - `documents/<id>.snapshot|.log`: each draft's Yjs state as snapshot + update log.
 * - `comments/<id>.json|.<n>.jsonl`: each draft's comments as lowdb snapshot + journal.
 * Every file written keeps its previous version as `.bak`. Every document and comment file is read
 * and checked at open, so a damaged file stops start-up with its name instead of failing later.
 */
export class LowdbStore implements Store {
  private workspace!: Low<Workspace>
  private releaseLock: (() => Promise<void>) | null = null
  private readonly credentialIndex = new Map<string, Credential>()
  private readonly documentFiles = new Map<string, DocumentStateFiles>()
  private readonly commentJournals = new Map<string, CommentJournal>()
  /** Journals being loaded: concurrent first writes to a draft must share one journal, not load two. */
  private readonly commentJournalLoads = new Map<string, Promise<CommentJournal>>()
  private workspaceBytes = 0
  private readonly history: DraftHistoryFiles

  constructor(readonly dataDir: string) {
    this.history = new DraftHistoryFiles(join(dataDir, DATA_FILES.versions), join(dataDir, DATA_FILES.documents))
  }

  async open(): Promise<void> {
    await mkdir(join(this.dataDir, DATA_FILES.documents), { recursive: true, mode: 0o700 })
    await mkdir(join(this.dataDir, DATA_FILES.comments), { recursive: true, mode: 0o700 })
    this.releaseLock = await acquireLock(join(this.dataDir, DATA_FILES.lock), this.dataDir)
    try {
      this.workspace = new Low(new DurableJsonFile(join(this.dataDir, DATA_FILES.workspace), isWorkspace), {
        version: 1,
        participants: [],
        credentials: [],
        documents: [],
        settings: {},
      })
      await this.workspace.read()
      for (const c of this.workspace.data.credentials) this.credentialIndex.set(c.hash, c)
      for (const d of this.workspace.data.documents) {
        await this.documentState(d.id).load()
        await this.commentJournal(d.id)
        await this.history.load(d.id)
      }
    } catch (err) {
      await this.close()
      throw err
    }
  }

  async close(): Promise<void> {
    for (const j of this.commentJournals.values()) await j.settle().catch(() => undefined)
    await this.releaseLock?.()
    this.releaseLock = null
  }

  /** Writes the workspace; if that fails, `undo` takes the caller's change back out of memory. */
  private async saveWorkspace(undo: () => void): Promise<void> {
    try {
      await this.workspace.write()
    } catch (err) {
      undo()
      throw err
    }
    this.workspaceBytes += Buffer.byteLength(JSON.stringify(this.workspace.data))
  }

  async listParticipants(): Promise<Participant[]> {
    return this.workspace.data.participants.map((p) => ({ ...p }))
  }
  async getParticipant(id: string): Promise<Participant | undefined> {
    const p = this.workspace.data.participants.find((x) => x.id === id)
    return p && { ...p }
  }
  async putParticipant(participant: Participant): Promise<void> {
    const list = this.workspace.data.participants
    await this.saveWorkspace(replaceIn(list, { ...participant }, (p) => p.id === participant.id))
  }

  async putCredential(credential: Credential): Promise<void> {
    const stored = { ...credential }
    const before = this.credentialIndex.get(credential.hash)
    const undo = replaceIn(this.workspace.data.credentials, stored, (c) => c.hash === credential.hash)
    this.credentialIndex.set(credential.hash, stored)
    await this.saveWorkspace(() => {
      if (this.credentialIndex.get(credential.hash) !== stored) return
      undo()
      if (before) this.credentialIndex.set(credential.hash, before)
      else this.credentialIndex.delete(credential.hash)
    })
  }
  async findCredential(hash: string): Promise<Credential | undefined> {
    const c = this.credentialIndex.get(hash)
    return c && { ...c }
  }
  async deleteCredential(hash: string): Promise<void> {
    await this.removeCredentials((c) => c.hash === hash)
  }
  async deleteCredentialsOf(participantId: string, kind?: Credential['kind']): Promise<void> {
    await this.removeCredentials((c) => c.participantId === participantId && (kind === undefined || c.kind === kind))
  }
  private async removeCredentials(matches: (credential: Credential) => boolean): Promise<void> {
    const list = this.workspace.data.credentials
    const removed = list.filter(matches)
    if (removed.length === 0) return
    list.splice(0, list.length, ...list.filter((c) => !removed.includes(c)))
    for (const c of removed) this.credentialIndex.delete(c.hash)
    await this.saveWorkspace(() => {
      for (const c of removed) {
        if (this.credentialIndex.has(c.hash)) continue
        list.push(c)
        this.credentialIndex.set(c.hash, c)
      }
    })
  }

  async getSettings(): Promise<Settings> {
    return { ...this.workspace.data.settings }
  }
  async putSettings(patch: Settings): Promise<void> {
    const before = this.workspace.data.settings
    this.workspace.data.settings = { ...before, ...patch }
    await this.saveWorkspace(() => {
      const settings = { ...this.workspace.data.settings }
      for (const key of Object.keys(patch)) {
        if (settings[key] !== patch[key]) continue // changed again since: not ours to take back
        if (key in before) settings[key] = before[key]!
        else delete settings[key]
      }
      this.workspace.data.settings = settings
    })
  }

  async listDocuments(): Promise<DocumentMeta[]> {
    return this.workspace.data.documents.map((d) => ({ ...d }))
  }
  async getDocument(id: string): Promise<DocumentMeta | undefined> {
    const d = this.workspace.data.documents.find((x) => x.id === id)
    return d && { ...d }
  }
  async createDocument(meta: DocumentMeta, initialState: Uint8Array): Promise<void> {
    if (this.workspace.data.documents.some((d) => d.id === meta.id)) throw new Error(`document ${meta.id} already exists`)
    // State first: a listed document must always have its files.
    await this.documentState(meta.id).create(initialState)
    await this.saveWorkspace(replaceIn(this.workspace.data.documents, { ...meta }, (d) => d.id === meta.id))
  }
  async putDocumentMeta(meta: DocumentMeta): Promise<void> {
    const list = this.workspace.data.documents
    if (!list.some((d) => d.id === meta.id)) throw new Error(`document ${meta.id} does not exist`)
    await this.saveWorkspace(replaceIn(list, { ...meta }, (d) => d.id === meta.id))
  }

  private documentState(id: string): DocumentStateFiles {
    let files = this.documentFiles.get(id)
    if (!files) {
      files = new DocumentStateFiles(join(this.dataDir, DATA_FILES.documents, id))
      this.documentFiles.set(id, files)
    }
    return files
  }
  async loadDocumentState(id: string): Promise<Uint8Array[]> {
    return this.documentState(id).load()
  }
  async appendDocumentUpdates(id: string, updates: readonly Uint8Array[], fullState: () => Uint8Array): Promise<void> {
    this.requireDocument(id)
    await this.documentState(id).append(updates, fullState)
  }

  private commentJournal(documentId: string): Promise<CommentJournal> {
    let loading = this.commentJournalLoads.get(documentId)
    if (!loading) {
      const journal = new CommentJournal(join(this.dataDir, DATA_FILES.comments, documentId))
      loading = journal.load().then(
        () => {
          this.commentJournals.set(documentId, journal)
          return journal
        },
        (err: unknown) => {
          this.commentJournalLoads.delete(documentId)
          throw err
        },
      )
      this.commentJournalLoads.set(documentId, loading)
    }
    return loading
  }
  // Comments are copied in and out: a caller changing its object must not change the store unsaved.
  async listComments(documentId: string): Promise<StoredComment[]> {
    return [...(await this.commentJournal(documentId)).comments.values()].map((c) => structuredClone(c))
  }
  async getComment(documentId: string, commentId: string): Promise<StoredComment | undefined> {
    const c = (await this.commentJournal(documentId)).comments.get(commentId)
    return c && structuredClone(c)
  }
  async putComments(
    documentId: string,
    writes: readonly CommentWrite[],
    removals: readonly CommentRemoval[] = [],
    notifications: readonly StoredNotification[] = [],
  ): Promise<void> {
    const journal = await this.commentJournal(documentId)
    // No await between the check and `put`, which applies the batch in memory at once: a write that
    // starts before this one is durable already sees its revisions, in the order the journal appends.
    refuseStaleWrites(documentId, writes, (id) => journal.comments.get(id), removals)
    aboutDraft(documentId, notifications)
    await journal.put(
      writes.map((w) => structuredClone(w.comment)),
      removals.map((r) => r.id),
      { add: notifications.map((n) => structuredClone(n)) },
    )
  }

  // The outbox lives in each draft's comment journal, so that a comment change and the notifications it
  // causes are one journal line: both durable, or neither.
  async addNotifications(documentId: string, notifications: readonly StoredNotification[]): Promise<void> {
    aboutDraft(documentId, notifications)
    await (await this.commentJournal(documentId)).put([], [], { add: notifications.map((n) => structuredClone(n)) })
  }
  async updateNotifications(documentId: string, notifications: readonly StoredNotification[]): Promise<void> {
    await (await this.commentJournal(documentId)).put([], [], { replace: notifications.map((n) => structuredClone(n)) })
  }
  async listNotifications(query: NotificationQuery): Promise<StoredNotification[]> {
    const journals = query.documentId ? [await this.commentJournal(query.documentId)] : [...this.commentJournals.values()]
    return journals
      .flatMap((j) => [...j.notifications.values()].filter((n) => matchesQuery(n, query)))
      .sort(oldestNotificationFirst)
      .map((n) => structuredClone(n))
  }

  async putVersion(stored: StoredVersion): Promise<void> {
    this.requireDocument(stored.version.documentId)
    await this.history.putVersion(stored)
  }
  async listVersions(documentId: string): Promise<Version[]> {
    return this.history.listVersions(documentId)
  }
  getVersion(documentId: string, versionId: string): Promise<StoredVersion | undefined> {
    return this.history.getVersion(documentId, versionId)
  }
  getDraftAuthors(documentId: string): Promise<DraftAuthors> {
    return this.history.getAuthors(documentId)
  }
  async addDraftAuthors(documentId: string, authors: DraftAuthors): Promise<void> {
    this.requireDocument(documentId)
    await this.history.addAuthors(documentId, authors)
  }

  /** Files of an unlisted id would be written but never loaded. */
  private requireDocument(id: string): void {
    if (!this.workspace.data.documents.some((d) => d.id === id)) throw new Error(`document ${id} does not exist`)
  }

  bytesWritten(): { documents: number; comments: number; workspace: number } {
    let documents = 0
    for (const f of this.documentFiles.values()) documents += f.bytesWritten
    documents += this.history.bytesWritten
    let comments = 0
    for (const j of this.commentJournals.values()) comments += j.bytesWritten
    return { documents, comments, workspace: this.workspaceBytes }
  }
}
