import { rename, truncate } from 'node:fs/promises'
import { dirname } from 'node:path'
import { CorruptDataError } from '../errors'
import { fsyncDir, writeFileDurably } from './fsyncWrite'
import { appendRecords, encodeRecords, readRecordFile } from './recordFile'

/** The log is folded into a new snapshot once it outgrows the snapshot (and this floor). */
const MIN_COMPACTION_BYTES = 64 * 1024

/**
 * One document's Yjs state on disk: a snapshot (the whole state as one update) plus an append-only log of
 * the updates since. Each edit costs its own bytes, not a rewrite of the document; compaction keeps the
 * amortised cost at about twice the edit size. The previous snapshot and log stay as `.bak` files.
 */
export class DocumentStateFiles {
  private logBytes = 0
  private snapshotBytes = 0

  constructor(readonly basePath: string) {}

  get snapshotFile(): string {
    return `${this.basePath}.snapshot`
  }

  get logFile(): string {
    return `${this.basePath}.log`
  }

  /** Bytes written to disk so far by this instance (for the persistence benchmark). */
  bytesWritten = 0

  /** The updates to apply, in order, to rebuild the document. */
  async load(): Promise<Uint8Array[]> {
    const snapshot = await readRecordFile(this.snapshotFile)
    if (snapshot.exists && (snapshot.records.length !== 1 || snapshot.tornBytes > 0)) {
      throw new CorruptDataError(this.snapshotFile, snapshot.size === 0 ? 'the file is empty' : 'the snapshot is incomplete')
    }
    const log = await readRecordFile(this.logFile)
    if (log.tornBytes > 0) {
      // The tail of a write that was interrupted before its fsync: it was never confirmed as saved.
      await truncate(this.logFile, log.size - log.tornBytes)
    }
    this.snapshotBytes = snapshot.size
    this.logBytes = log.size - log.tornBytes
    return [...snapshot.records, ...log.records]
  }

  /** Creates the document with its initial state. */
  async create(state: Uint8Array): Promise<void> {
    await this.writeSnapshot(state)
  }

  /** Appends updates durably; folds the log into a snapshot when it has grown large. */
  async append(updates: readonly Uint8Array[], fullState: () => Uint8Array): Promise<void> {
    if (updates.length === 0) return
    const written = await appendRecords(this.logFile, updates)
    this.logBytes += written
    this.bytesWritten += written
    if (this.logBytes > Math.max(this.snapshotBytes, MIN_COMPACTION_BYTES)) await this.compact(fullState())
  }

  /** Replaces snapshot + log by one snapshot of `state`. */
  async compact(state: Uint8Array): Promise<void> {
    await this.writeSnapshot(state)
    // The old log pairs with the old snapshot (.bak); together they rebuild everything if needed.
    try {
      await rename(this.logFile, `${this.logFile}.bak`)
      await fsyncDir(dirname(this.logFile))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
    this.logBytes = 0
  }

  private async writeSnapshot(state: Uint8Array): Promise<void> {
    const bytes = encodeRecords([state])
    await writeFileDurably(this.snapshotFile, bytes)
    this.snapshotBytes = bytes.length
    this.bytesWritten += bytes.length
  }
}
