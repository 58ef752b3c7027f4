import { isDeepStrictEqual } from 'node:util'
import * as Y from 'yjs'
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import { CONTENT_FIELD } from '../../shared/protocol'
import type { StoredComment } from '../../shared/types'
import type { Store } from './Store'

/** Updates appended per write while copying a draft's history (the database folds them as it would live ones). */
const UPDATES_PER_APPEND = 200
/** Comments stored per batch while copying. */
const COMMENTS_PER_BATCH = 500

/** What was moved, counted in both stores. */
export interface MoveCounts {
  participants: number
  credentials: number
  settings: number
  drafts: number
  updates: number
  comments: number
  versions: number
  authors: number
  notifications: number
}

export interface MoveReport {
  source: MoveCounts
  target: MoveCounts
  /** Every difference found when the target was read back and compared with the source; empty when equal. */
  mismatches: string[]
}

/** A Y.Doc built from stored updates with the V1 reader, the only Yjs decoder Accord lets see stored or network bytes. */
function docOf(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc()
  Y.transact(doc, () => {
    for (const u of updates) Y.applyUpdate(doc, u)
  })
  return doc
}

/** The draft as its Y.Doc reads: the ProseMirror JSON of its content and its state vector. */
function draftReading(updates: readonly Uint8Array[]): { content: unknown; stateVector: number[] } {
  const doc = docOf(updates)
  const reading = {
    content: yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(CONTENT_FIELD)),
    stateVector: [...Y.encodeStateVector(doc)],
  }
  doc.destroy()
  return reading
}

const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id)

/**
 * Copies a whole workspace from one store into another that must be empty (the embedded data directory
 * into PostgreSQL): settings, participants, credentials (sessions, tokens and links keep working),
 * drafts with their update history, comments, versions, authors and notifications. Then reads the target
 * back and compares it with the source: counts, and every draft's text (ProseMirror JSON and Yjs state
 * vector), comments, versions, authors and notifications.
 */
export async function moveWorkspace(source: Store, target: Store, progress: (line: string) => void = () => undefined): Promise<MoveReport> {
  if ((await target.listParticipants()).length > 0 || (await target.listDocuments()).length > 0) {
    throw new Error('The target already holds an Accord workspace (participants or drafts); move into an empty database.')
  }
  await target.putSettings(await source.getSettings())
  for (const p of await source.listParticipants()) await target.putParticipant(p)
  for (const c of await source.listCredentials()) await target.putCredential(c)
  const drafts = await source.listDocuments()
  for (const [i, meta] of drafts.entries()) {
    const updates = await source.loadDocumentState(meta.id)
    const [first, ...rest] = updates
    await target.createDocument(meta, first ?? Y.encodeStateAsUpdate(new Y.Doc()))
    // The store may fold long histories into one state: the whole draft, built once if asked for.
    let whole: Uint8Array | null = null
    const fullState = () => {
      if (!whole) {
        const doc = docOf(updates)
        whole = Y.encodeStateAsUpdate(doc)
        doc.destroy()
      }
      return whole
    }
    for (let at = 0; at < rest.length; at += UPDATES_PER_APPEND) await target.appendDocumentUpdates(meta.id, rest.slice(at, at + UPDATES_PER_APPEND), fullState)
    const comments = await source.listComments(meta.id)
    for (let at = 0; at < comments.length; at += COMMENTS_PER_BATCH) {
      await target.putComments(meta.id, comments.slice(at, at + COMMENTS_PER_BATCH).map((comment) => ({ comment, expectedRev: null })))
    }
    for (const v of await source.listVersions(meta.id)) {
      const stored = await source.getVersion(meta.id, v.id)
      if (stored) await target.putVersion(stored)
    }
    await target.addDraftAuthors(meta.id, await source.getDraftAuthors(meta.id))
    // The outbox as it stands: pending e-mail goes out from the new store, read marks stay.
    await target.addNotifications(meta.id, await source.listNotifications({ documentId: meta.id }))
    progress(`draft ${i + 1}/${drafts.length} "${meta.title}": ${updates.length} updates, ${comments.length} comments`)
  }
  return compareWorkspaces(source, target)
}

async function countsOf(store: Store): Promise<MoveCounts> {
  const counts: MoveCounts = {
    participants: (await store.listParticipants()).length,
    credentials: (await store.listCredentials()).length,
    settings: Object.keys(await store.getSettings()).length,
    drafts: 0,
    updates: 0,
    comments: 0,
    versions: 0,
    authors: 0,
    notifications: (await store.listNotifications({})).length,
  }
  for (const meta of await store.listDocuments()) {
    counts.drafts++
    counts.updates += (await store.loadDocumentState(meta.id)).length
    counts.comments += (await store.listComments(meta.id)).length
    counts.versions += (await store.listVersions(meta.id)).length
    counts.authors += Object.keys(await store.getDraftAuthors(meta.id)).length
  }
  return counts
}

/** Reads both stores and lists every difference (the update count may differ: the target may fold updates). */
export async function compareWorkspaces(source: Store, target: Store): Promise<MoveReport> {
  const mismatches: string[] = []
  const expectEqual = (what: string, a: unknown, b: unknown) => {
    if (!isDeepStrictEqual(a, b)) mismatches.push(what)
  }
  const [sourceCounts, targetCounts] = [await countsOf(source), await countsOf(target)]
  for (const key of Object.keys(sourceCounts) as (keyof MoveCounts)[]) {
    if (key !== 'updates' && sourceCounts[key] !== targetCounts[key]) mismatches.push(`${key}: ${sourceCounts[key]} in the source, ${targetCounts[key]} in the target`)
  }
  expectEqual('settings differ', await source.getSettings(), await target.getSettings())
  expectEqual('participants differ', (await source.listParticipants()).sort(byId), (await target.listParticipants()).sort(byId))
  const hashes = (list: { hash: string }[]) => list.map((c) => ({ ...c, id: c.hash })).sort(byId)
  expectEqual('credentials differ', hashes(await source.listCredentials()), hashes(await target.listCredentials()))
  for (const meta of await source.listDocuments()) {
    const id = meta.id
    expectEqual(`draft ${id}: record differs`, meta, await target.getDocument(id))
    expectEqual(`draft ${id}: text differs`, draftReading(await source.loadDocumentState(id)), draftReading(await target.loadDocumentState(id)))
    const comments = async (store: Store): Promise<StoredComment[]> => (await store.listComments(id)).sort(byId)
    expectEqual(`draft ${id}: comments differ`, await comments(source), await comments(target))
    const versions = await source.listVersions(id)
    expectEqual(`draft ${id}: version list differs`, versions, await target.listVersions(id))
    for (const v of versions) {
      const [a, b] = [await source.getVersion(id, v.id), await target.getVersion(id, v.id)]
      expectEqual(`draft ${id}: version ${v.id} differs`, a && { ...a, state: [...a.state] }, b && { ...b, state: [...b.state] })
    }
    expectEqual(`draft ${id}: authors differ`, await source.getDraftAuthors(id), await target.getDraftAuthors(id))
    const outbox = (store: Store) => store.listNotifications({ documentId: id })
    expectEqual(`draft ${id}: notifications differ`, await outbox(source), await outbox(target))
  }
  return { source: sourceCounts, target: targetCounts, mismatches }
}
