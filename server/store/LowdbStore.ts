import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import type { Comment, DocumentMeta, Participant } from '../../shared/types'
import { CommentJournal } from './files/commentJournal'
import { DocumentStateFiles } from './files/documentStateFiles'
import { DurableJsonFile } from './files/DurableJsonFile'
import { acquireLock } from './files/lockFile'
import type { Credential, Settings, Store } from './Store'

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

/** File names inside DATA_DIR. */
export const DATA_FILES = {
  lock: 'accord.lock',
  workspace: 'workspace.json',
  documents: 'documents',
  comments: 'comments',
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
  private workspaceBytes = 0

  constructor(readonly dataDir: string) {}

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

  private async saveWorkspace(): Promise<void> {
    await this.workspace.write()
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
    const i = list.findIndex((p) => p.id === participant.id)
    const before = i >= 0 ? list[i] : undefined
    if (i >= 0) list[i] = { ...participant }
    else list.push({ ...participant })
    await this.saveWorkspace().catch((err) => {
      if (before) list[list.findIndex((p) => p.id === participant.id)] = before
      else list.splice(list.findIndex((p) => p.id === participant.id), 1)
      throw err
    })
  }

  async putCredential(credential: Credential): Promise<void> {
    const list = this.workspace.data.credentials
    const i = list.findIndex((c) => c.hash === credential.hash)
    if (i >= 0) list[i] = { ...credential }
    else list.push({ ...credential })
    this.credentialIndex.set(credential.hash, { ...credential })
    await this.saveWorkspace()
  }
  async findCredential(hash: string): Promise<Credential | undefined> {
    const c = this.credentialIndex.get(hash)
    return c && { ...c }
  }
  async deleteCredentials(predicate: (credential: Credential) => boolean): Promise<void> {
    const keep = this.workspace.data.credentials.filter((c) => !predicate(c))
    if (keep.length === this.workspace.data.credentials.length) return
    this.workspace.data.credentials = keep
    this.credentialIndex.clear()
    for (const c of keep) this.credentialIndex.set(c.hash, c)
    await this.saveWorkspace()
  }

  async getSettings(): Promise<Settings> {
    return { ...this.workspace.data.settings }
  }
  async putSettings(patch: Settings): Promise<void> {
    this.workspace.data.settings = { ...this.workspace.data.settings, ...patch }
    await this.saveWorkspace()
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
    this.workspace.data.documents.push({ ...meta })
    await this.saveWorkspace()
  }
  async putDocumentMeta(meta: DocumentMeta): Promise<void> {
    const list = this.workspace.data.documents
    const i = list.findIndex((d) => d.id === meta.id)
    if (i < 0) throw new Error(`document ${meta.id} does not exist`)
    list[i] = { ...meta }
    await this.saveWorkspace()
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
    await this.documentState(id).append(updates, fullState)
  }

  private async commentJournal(documentId: string): Promise<CommentJournal> {
    let journal = this.commentJournals.get(documentId)
    if (!journal) {
      journal = new CommentJournal(join(this.dataDir, DATA_FILES.comments, documentId))
      await journal.load()
      this.commentJournals.set(documentId, journal)
    }
    return journal
  }
  async listComments(documentId: string): Promise<Comment[]> {
    return [...(await this.commentJournal(documentId)).comments.values()]
  }
  async getComment(documentId: string, commentId: string): Promise<Comment | undefined> {
    return (await this.commentJournal(documentId)).comments.get(commentId)
  }
  async putComments(documentId: string, comments: readonly Comment[]): Promise<void> {
    await (await this.commentJournal(documentId)).put(comments)
  }

  bytesWritten(): { documents: number; comments: number; workspace: number } {
    let documents = 0
    for (const f of this.documentFiles.values()) documents += f.bytesWritten
    let comments = 0
    for (const j of this.commentJournals.values()) comments += j.bytesWritten
    return { documents, comments, workspace: this.workspaceBytes }
  }
}
