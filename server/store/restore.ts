import { copyFile, readdir, rename, stat } from 'node:fs/promises'
import { join } from 'node:path'
import * as Y from 'yjs'
import { CorruptDataError } from './errors'
import { CommentJournal } from './files/commentJournal'
import { DocumentStateFiles } from './files/documentStateFiles'
import { DurableJsonFile } from './files/DurableJsonFile'
import { writeFileDurably } from './files/fsyncWrite'
import { encodeRecords, readRecordFile } from './files/recordFile'
import { DATA_FILES } from './LowdbStore'

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  )

/** Moves a damaged file aside (never deletes it) so it can still be inspected. */
async function setAside(file: string): Promise<string> {
  const aside = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`
  await rename(file, aside)
  return aside
}

async function restoreWorkspace(dataDir: string): Promise<string[]> {
  const file = join(dataDir, DATA_FILES.workspace)
  const isObject = (d: unknown): d is object => typeof d === 'object' && d !== null
  try {
    await new DurableJsonFile(file, isObject).read()
    return []
  } catch (err) {
    if (!(err instanceof CorruptDataError)) throw err
  }
  if (!(await exists(`${file}.bak`))) throw new Error(`${file} is damaged and has no backup (${file}.bak).`)
  await new DurableJsonFile(`${file}.bak`, isObject).read()
  await setAside(file)
  await copyFile(`${file}.bak`, file)
  return [file]
}

/** Rebuilds a draft's snapshot from every readable piece: old snapshot, old log, current log. */
async function restoreDocument(base: string): Promise<string[]> {
  let damaged: string
  try {
    await new DocumentStateFiles(base).load()
    return []
  } catch (err) {
    if (!(err instanceof CorruptDataError)) throw err
    damaged = err.file
  }
  // Without the snapshot or its backup the log's edits have nothing to apply to: refuse, like workspace.json.
  if (damaged === `${base}.snapshot` && !(await exists(`${base}.snapshot.bak`))) {
    throw new Error(`${damaged} is damaged and has no backup (${damaged}.bak).`)
  }
  const doc = new Y.Doc()
  for (const f of [`${base}.snapshot.bak`, `${base}.log.bak`, `${base}.snapshot`, `${base}.log`]) {
    const records = await readRecordFile(f).then(
      (r) => r.records,
      () => [] as Uint8Array[],
    )
    for (const r of records) Y.applyUpdate(doc, r)
  }
  await setAside(damaged)
  await writeFileDurably(`${base}.snapshot`, encodeRecords([Y.encodeStateAsUpdate(doc)]))
  return [damaged]
}

/** Brings back a draft's comments from the previous snapshot and the journal that followed it. */
async function restoreComments(base: string): Promise<string[]> {
  try {
    await new CommentJournal(base).load()
    return []
  } catch (err) {
    if (!(err instanceof CorruptDataError)) throw err
    const snapshot = `${base}.json`
    if (err.file === snapshot) {
      if (await exists(`${snapshot}.bak`)) {
        const previous = await new DurableJsonFile(`${snapshot}.bak`, (d): d is { generation: number } => typeof d === 'object' && d !== null).read()
        await setAside(snapshot)
        await copyFile(`${snapshot}.bak`, snapshot)
        // The retired journal pairs with the old snapshot; give it back its generation number.
        if (previous && (await exists(`${base}.jsonl.bak`))) await copyFile(`${base}.jsonl.bak`, `${base}.${previous.generation}.jsonl`)
      } else if (await exists(`${base}.jsonl.bak`)) {
        // The first compaction leaves no older snapshot: the journal it retired (generation 0) holds
        // every comment before it, so the draft starts again from no snapshot plus that journal.
        await setAside(snapshot)
        await copyFile(`${base}.jsonl.bak`, `${base}.0.jsonl`)
      } else {
        throw new Error(`${snapshot} is damaged and has no backup.`)
      }
    } else {
      await setAside(err.file)
    }
    await new CommentJournal(base).load()
    return [err.file]
  }
}

/**
 * Repairs a data directory whose files fail to read, from the automatic `.bak` copies each write keeps.
 * Damaged files are moved aside with a `.damaged-<time>` suffix. Returns the files that were restored.
 */
export async function restoreBackups(dataDir: string): Promise<string[]> {
  const restored = await restoreWorkspace(dataDir)
  const docNames = await readdir(join(dataDir, DATA_FILES.documents)).catch(() => [] as string[])
  for (const id of new Set(docNames.filter((n) => /\.(snapshot|log)$/.test(n)).map((n) => n.replace(/\.(snapshot|log)$/, '')))) {
    restored.push(...(await restoreDocument(join(dataDir, DATA_FILES.documents, id))))
  }
  const commentNames = await readdir(join(dataDir, DATA_FILES.comments)).catch(() => [] as string[])
  const commentIds = commentNames.map((n) => /^(.+?)\.(?:json|\d+\.jsonl)$/.exec(n)?.[1]).filter((id) => id !== undefined)
  for (const id of new Set(commentIds)) {
    restored.push(...(await restoreComments(join(dataDir, DATA_FILES.comments, id))))
  }
  return restored
}
