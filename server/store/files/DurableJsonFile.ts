import { readFile } from 'node:fs/promises'
import type { Adapter } from 'lowdb'
import { CorruptDataError } from '../errors'
import { coalescingRunner } from './coalescingRunner'
import { writeFileDurably } from './fsyncWrite'

/**
 * A lowdb adapter for one JSON file that is written atomically and fsynced, keeps the previous version
 * as `.bak`, and refuses to read a damaged file (instead of lowdb's default of starting empty).
 */
export class DurableJsonFile<T> implements Adapter<T> {
  private latest: T | null = null
  private readonly flush = coalescingRunner(() => writeFileDurably(this.file, JSON.stringify(this.latest)))

  constructor(
    readonly file: string,
    private readonly validate: (data: unknown) => data is T,
  ) {}

  async read(): Promise<T | null> {
    let text: string
    try {
      text = await readFile(this.file, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw err
    }
    if (text.trim() === '') throw new CorruptDataError(this.file, 'the file is empty')
    let data: unknown
    try {
      data = JSON.parse(text)
    } catch (err) {
      throw new CorruptDataError(this.file, `not valid JSON: ${(err as Error).message}`)
    }
    if (!this.validate(data)) throw new CorruptDataError(this.file, 'unexpected structure')
    return data
  }

  /** Writes are serialized and coalesced: concurrent callers all resolve once their data is on disk. */
  write(data: T): Promise<void> {
    this.latest = data
    return this.flush()
  }
}
