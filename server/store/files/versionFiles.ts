import { mkdir, readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Version } from '../../../shared/types'
import { CorruptDataError } from '../errors'
import type { StoredVersion } from '../Store'
import { writeFileDurably } from './fsyncWrite'

/** Versions in the order they were made. */
export const oldestFirst = (a: Version, b: Version) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)

const isVersion = (data: unknown): data is Version => {
  const v = data as Version
  return typeof v === 'object' && v !== null && typeof v.id === 'string' && typeof v.label === 'string' && Array.isArray(v.comments)
}

/**
 * One document's versions on disk, in `versions/<documentId>/`: for each, `<id>.state` (the Yjs state),
 * `<id>.draft.json` (the draft as JSON) and `<id>.json` (label, who, when, the comments as they stood),
 * each written once, fsynced, and never changed. The `.json` is written last: a version exists once it
 * is there, so a crash while storing one leaves no half version. Listing reads only the small `.json`s.
 */
export class VersionFiles {
  private versions: Version[] = []
  bytesWritten = 0

  constructor(readonly dir: string) {}

  /** Reads every version's record; a damaged one stops start-up with its name. */
  async load(): Promise<void> {
    const names = await readdir(this.dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [] as string[]
      throw err
    })
    const loaded: Version[] = []
    for (const name of names.filter((n) => /^[A-Za-z0-9_-]+\.json$/.test(n) && !n.endsWith('.draft.json'))) {
      const file = join(this.dir, name)
      let data: unknown
      try {
        data = JSON.parse(await readFile(file, 'utf8'))
      } catch (err) {
        throw new CorruptDataError(file, `not valid JSON: ${(err as Error).message}`)
      }
      if (!isVersion(data)) throw new CorruptDataError(file, 'unexpected structure')
      loaded.push(data)
    }
    this.versions = loaded.sort(oldestFirst)
  }

  list(): Version[] {
    return this.versions.map((v) => structuredClone(v))
  }

  async put(stored: StoredVersion): Promise<void> {
    const { version } = stored
    if (this.versions.some((v) => v.id === version.id)) throw new Error(`version ${version.id} already exists`)
    await mkdir(this.dir, { recursive: true, mode: 0o700 })
    const draft = JSON.stringify(stored.draft)
    const record = JSON.stringify(version)
    await writeFileDurably(join(this.dir, `${version.id}.state`), stored.state)
    await writeFileDurably(join(this.dir, `${version.id}.draft.json`), draft)
    await writeFileDurably(join(this.dir, `${version.id}.json`), record)
    this.bytesWritten += stored.state.byteLength + Buffer.byteLength(draft) + Buffer.byteLength(record)
    this.versions = [...this.versions, structuredClone(version)].sort(oldestFirst)
  }

  async get(versionId: string): Promise<StoredVersion | undefined> {
    const version = this.versions.find((v) => v.id === versionId)
    if (!version) return undefined
    const stateFile = join(this.dir, `${versionId}.state`)
    const draftFile = join(this.dir, `${versionId}.draft.json`)
    let draft: unknown
    try {
      draft = JSON.parse(await readFile(draftFile, 'utf8'))
    } catch (err) {
      throw new CorruptDataError(draftFile, (err as Error).message)
    }
    return { version: structuredClone(version), state: new Uint8Array(await readFile(stateFile)), draft }
  }
}
