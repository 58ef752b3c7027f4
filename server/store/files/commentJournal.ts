import { readFile, readdir, rename, truncate } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { Low } from 'lowdb'
import type { StoredNotification } from '../../../shared/notifications'
import type { StoredComment } from '../../../shared/types'
import { CorruptDataError } from '../errors'
import { DurableJsonFile } from './DurableJsonFile'
import { fsyncDir } from './fsyncWrite'
import { GroupCommitLog } from './groupCommitLog'
import { type LegacyComment, upgradeComment } from './legacyComments'

interface CommentSnapshot {
  /** The snapshot holds every journal generation before this one. */
  generation: number
  comments: (StoredComment | LegacyComment)[]
  /** The notifications the draft's events caused (the outbox), with their delivery state. */
  notifications?: StoredNotification[]
}

/** One journal line: an atomic batch. */
interface JournalLine {
  comments: (StoredComment | LegacyComment)[]
  removed?: string[]
  notifications?: StoredNotification[]
}

const isSnapshot = (data: unknown): data is CommentSnapshot =>
  typeof data === 'object' &&
  data !== null &&
  Number.isInteger((data as CommentSnapshot).generation) &&
  Array.isArray((data as CommentSnapshot).comments)

/** The journal is folded into the snapshot once it outgrows it (and this floor). */
const MIN_COMPACTION_BYTES = 256 * 1024

/**
 * One document's comments, and the notifications their changes caused: a lowdb JSON snapshot plus JSON-lines
 * journals of changed (and removed) comments and new or changed notifications. Each change appends one line,
 * so storing a comment costs about its own size instead of a rewrite of every comment, and a line is an
 * atomic batch (an import stores all its rows or none; a reply and the notifications it causes are stored
 * together or not at all). Compaction switches to a new journal generation first, so appends never wait for it.
 */
export class CommentJournal {
  readonly comments = new Map<string, StoredComment>()
  /** Durable notifications only: a reader (the sender) never sees one whose line might still fail. */
  readonly notifications = new Map<string, StoredNotification>()
  /** Ids of notifications being added, so that a second add of the same id while the first is in flight stores nothing. */
  private readonly addingNotifications = new Set<string>()
  private readonly snapshot: Low<CommentSnapshot>
  private journal: GroupCommitLog
  private generation = 0
  private snapshotBytes = 0
  private compacting: Promise<void> | null = null
  private retiredBytes = 0
  private snapshotBytesWritten = 0

  constructor(readonly basePath: string) {
    this.snapshot = new Low(new DurableJsonFile(`${basePath}.json`, isSnapshot), { generation: 0, comments: [] })
    this.journal = new GroupCommitLog(this.journalFile(0))
  }

  private journalFile(generation: number): string {
    return `${this.basePath}.${generation}.jsonl`
  }

  async load(): Promise<void> {
    await this.snapshot.read()
    this.generation = this.snapshot.data.generation
    // Appends go to the snapshot's generation even when its journal does not exist yet (compacted, then
    // restarted before the next comment): older generations are ignored at load.
    this.journal = new GroupCommitLog(this.journalFile(this.generation))
    for (const c of this.snapshot.data.comments) this.comments.set(c.id, upgradeComment(c))
    for (const n of this.snapshot.data.notifications ?? []) this.notifications.set(n.id, n)
    this.snapshotBytes = Buffer.byteLength(JSON.stringify(this.snapshot.data))
    const generations = await this.journalGenerations()
    for (const g of generations.filter((g) => g >= this.generation)) {
      this.journal = new GroupCommitLog(this.journalFile(g))
      this.journal.size = await this.replay(this.journal.file)
      this.generation = g
    }
  }

  private async journalGenerations(): Promise<number[]> {
    const dir = dirname(this.basePath)
    const prefix = `${basename(this.basePath)}.`
    let names: string[] = []
    try {
      names = await readdir(dir)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
    return names
      .filter((n) => n.startsWith(prefix) && n.endsWith('.jsonl'))
      .map((n) => Number(n.slice(prefix.length, -'.jsonl'.length)))
      .filter((g) => Number.isInteger(g) && g >= 0)
      .sort((a, b) => a - b)
  }

  /** Applies a journal's complete lines; drops an unterminated last line. Returns the valid size. */
  private async replay(file: string): Promise<number> {
    let text = ''
    try {
      text = await readFile(join(file), 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0
      throw err
    }
    const lines = text.split('\n')
    let validBytes = 0
    for (let i = 0; i < lines.length - 1; i++) {
      const line = lines[i]!
      let batch: (StoredComment | LegacyComment)[]
      let removed: string[]
      let notifications: StoredNotification[]
      try {
        const entry = JSON.parse(line) as JournalLine
        batch = entry.comments
        removed = entry.removed ?? []
        notifications = entry.notifications ?? []
        if (!Array.isArray(batch) || !Array.isArray(removed) || !Array.isArray(notifications)) throw new Error('no comments array')
      } catch (err) {
        throw new CorruptDataError(file, `line ${i + 1}: ${(err as Error).message}`)
      }
      for (const c of batch.map(upgradeComment)) {
        const existing = this.comments.get(c.id)
        if (!existing || c.rev >= existing.rev) this.comments.set(c.id, c)
      }
      for (const id of removed) this.comments.delete(id)
      // Lines are in the order they were written: the last state of a notification wins.
      for (const n of notifications) this.notifications.set(n.id, n)
      validBytes += Buffer.byteLength(line) + 1
    }
    // A final line without its newline is an append that never finished: it was never acknowledged.
    if (validBytes < Buffer.byteLength(text)) await truncate(file, validBytes)
    return validBytes
  }

  /**
   * Applies the batch in memory at once (so ids stay unique under concurrency) and resolves when it is
   * durable; if the write fails, comments this batch changed are put back as they were.
   */
  async put(
    batch: readonly StoredComment[],
    removed: readonly string[] = [],
    notifications: { add?: readonly StoredNotification[]; replace?: readonly StoredNotification[] } = {},
  ): Promise<void> {
    const previous = batch.map((c) => this.comments.get(c.id))
    const removedBefore = removed.map((id) => this.comments.get(id))
    for (const c of batch) this.comments.set(c.id, c)
    for (const id of removed) this.comments.delete(id)
    // An entry already stored (or being stored) is that event's entry: the idempotency key makes a repeat a no-op.
    const added = (notifications.add ?? []).filter((n) => !this.notifications.has(n.id) && !this.addingNotifications.has(n.id))
    const replaced = (notifications.replace ?? []).filter((n) => this.notifications.has(n.id))
    const noted = [...added, ...replaced]
    if (batch.length === 0 && removed.length === 0 && noted.length === 0) return
    for (const n of added) this.addingNotifications.add(n.id)
    const line: JournalLine = { comments: [...batch], ...(removed.length > 0 ? { removed: [...removed] } : {}), ...(noted.length > 0 ? { notifications: noted } : {}) }
    try {
      await this.journal.append(JSON.stringify(line) + '\n')
      for (const n of noted) this.notifications.set(n.id, n)
    } catch (err) {
      batch.forEach((c, i) => {
        if (this.comments.get(c.id) !== c) return
        const before = previous[i]
        if (before) this.comments.set(c.id, before)
        else this.comments.delete(c.id)
      })
      // Put back what was removed, unless something was stored under that id since.
      removed.forEach((id, i) => {
        const before = removedBefore[i]
        if (before && !this.comments.has(id)) this.comments.set(id, before)
      })
      throw err
    } finally {
      for (const n of added) this.addingNotifications.delete(n.id)
    }
    if (!this.compacting && this.journal.size > Math.max(this.snapshotBytes, MIN_COMPACTION_BYTES)) {
      // A failed compaction loses nothing (the journals still hold every change) and is retried once
      // the new journal outgrows the snapshot; left unhandled, its rejection would end the process.
      this.compacting = this.compact()
        .catch(() => undefined)
        .finally(() => {
          this.compacting = null
        })
    }
  }

  private async compact(): Promise<void> {
    const retired = this.journal
    this.generation++
    this.journal = new GroupCommitLog(this.journalFile(this.generation))
    await retired.idle()
    // Counted after idle(): appends still in flight to the retired journal add to its bytes.
    this.retiredBytes += retired.bytesWritten
    this.snapshot.data = { generation: this.generation, comments: [...this.comments.values()], notifications: [...this.notifications.values()] }
    await this.snapshot.write()
    const bytes = Buffer.byteLength(JSON.stringify(this.snapshot.data))
    this.snapshotBytes = bytes
    this.snapshotBytesWritten += bytes
    // The retired journal is now inside the snapshot; keep it as the backup that pairs with `.json.bak`.
    try {
      await rename(retired.file, `${this.basePath}.jsonl.bak`)
      await fsyncDir(dirname(this.basePath))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
  }

  /** Waits until appends and a running compaction have finished (tests and shutdown). */
  async settle(): Promise<void> {
    await this.journal.idle()
    await this.compacting
  }

  get bytesWritten(): number {
    return this.retiredBytes + this.journal.bytesWritten + this.snapshotBytesWritten
  }
}
