import { join } from 'node:path'
import { Low } from 'lowdb'
import type { DraftAuthors, Version } from '../../../shared/types'
import type { StoredVersion } from '../Store'
import { DurableJsonFile } from './DurableJsonFile'
import { VersionFiles } from './versionFiles'

const isAuthors = (data: unknown): data is DraftAuthors =>
  typeof data === 'object' &&
  data !== null &&
  !Array.isArray(data) &&
  Object.values(data).every((p) => typeof p === 'object' && p !== null && typeof (p as { name?: unknown }).name === 'string')

/**
 * What the embedded store keeps about a draft's history besides its text: its versions
 * (`versions/<id>/`) and who typed with each Yjs clientID (`documents/<id>.authors.json`, a small lowdb
 * file rewritten only when a new browser tab or script first edits the draft).
 */
export class DraftHistoryFiles {
  private readonly versions = new Map<string, VersionFiles>()
  private readonly authors = new Map<string, Low<DraftAuthors>>()

  constructor(
    private readonly versionsDir: string,
    private readonly documentsDir: string,
  ) {}

  /** Reads one draft's versions and authors (start-up: a damaged file stops it with its name). */
  async load(documentId: string): Promise<void> {
    await this.versionFiles(documentId).load()
    await (await this.authorsFile(documentId)).read()
  }

  private versionFiles(documentId: string): VersionFiles {
    let files = this.versions.get(documentId)
    if (!files) {
      files = new VersionFiles(join(this.versionsDir, documentId))
      this.versions.set(documentId, files)
    }
    return files
  }

  private async authorsFile(documentId: string): Promise<Low<DraftAuthors>> {
    let file = this.authors.get(documentId)
    if (!file) {
      file = new Low(new DurableJsonFile(join(this.documentsDir, `${documentId}.authors.json`), isAuthors), {})
      this.authors.set(documentId, file)
      await file.read()
    }
    return file
  }

  putVersion(stored: StoredVersion): Promise<void> {
    return this.versionFiles(stored.version.documentId).put(stored)
  }

  listVersions(documentId: string): Version[] {
    return this.versionFiles(documentId).list()
  }

  getVersion(documentId: string, versionId: string): Promise<StoredVersion | undefined> {
    return this.versionFiles(documentId).get(versionId)
  }

  async getAuthors(documentId: string): Promise<DraftAuthors> {
    return structuredClone((await this.authorsFile(documentId)).data)
  }

  async addAuthors(documentId: string, authors: DraftAuthors): Promise<void> {
    const file = await this.authorsFile(documentId)
    const fresh = Object.entries(authors).filter(([client]) => !(client in file.data))
    if (fresh.length === 0) return
    const before = file.data
    file.data = { ...before, ...Object.fromEntries(fresh) }
    try {
      await file.write()
    } catch (err) {
      file.data = before
      throw err
    }
  }

  get bytesWritten(): number {
    let bytes = 0
    for (const v of this.versions.values()) bytes += v.bytesWritten
    return bytes
  }
}
