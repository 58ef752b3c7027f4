import * as Y from 'yjs'
import { MOVES_FIELD } from '../protocol'
import { blockKey, type MoveRecord } from './anchorRepairs'
import { type BlockUnit, matchUnits, unitsOf } from './blockUnits'

/**
 * Yjs has no move: moving a recommendation deletes the block and inserts a copy (anchorRepairs.ts),
 * and names both in the moves map. Two things would then go wrong in every window, not only the mover's:
 *
 * - Undo. This window's undo history names the characters it typed, which are now in the deleted
 *   original. The Yjs undo manager skips steps that change nothing, so Ctrl+Z would silently undo some
 *   older edit elsewhere in the draft, and the words typed just before the move could never be undone.
 *   The history is made to name the copy's characters as well.
 * - Keys in flight. Words this window typed into the block while someone else moved it reach the
 *   original, not the copy, and would vanish. This window types them into the copy again: only its own
 *   words that the mover had not seen, so that nobody's are doubled and nothing deleted comes back.
 *
 * `onMoved` hears of every move with a way to find where a character or text of the original is in the
 * copy (the editor puts its caret back there). Listens on the document until the returned function is
 * called.
 */
export function followMovedBlocks(
  undoManager: Y.UndoManager,
  fragment: Y.XmlFragment,
  rescueOrigin: unknown,
  onMoved?: BlockMovedListener,
): () => void {
  const doc = fragment.doc
  if (!doc) throw new Error('the fragment is not part of a Y.Doc')
  const moves = doc.getMap<MoveRecord>(MOVES_FIELD)
  const onAfterTransaction = (tr: Y.Transaction) => {
    // Every move writes to the moves map in its own transaction: nothing else needs a look.
    const keys = tr.changed.get(moves as unknown as Y.AbstractType<Y.YEvent<Y.AbstractType<unknown>>>)
    if (!keys) return
    for (const key of keys) {
      if (key === null) continue
      const copy = liveBlock(doc, key)
      const chain = copy ? originalOf(doc, moves, tr, key) : null
      if (!copy || !chain) continue
      const was = unitsOf(chain.original, (item) => !item.deleted || Y.isDeleted(tr.deleteSet, item.id))
      const now = unitsOf(copy, (item) => !item.deleted)
      const seenOfMine = chain.seenOfMine(doc.clientID)
      const lostOfMine = (u: BlockUnit) => u.char !== null && u.id.client === doc.clientID && u.id.clock >= seenOfMine
      const match = matchUnits(was, now, lostOfMine)
      remapHistory(undoManager, was, now, match)
      const copyOf = new Map<string, Y.ID>()
      match.forEach((j, i) => j >= 0 && copyOf.set(blockKey(was[i]!.id), now[j]!.id))
      for (const run of lostRuns(was, now, match, lostOfMine)) rescue(doc, run, undoManager, rescueOrigin, copyOf)
      onMoved?.((id) => copyOf.get(blockKey(id)) ?? null, tr.local)
    }
  }
  doc.on('afterTransaction', onAfterTransaction)
  return () => doc.off('afterTransaction', onAfterTransaction)
}

/**
 * Told of a move: `copyOf` gives the copy's character or text for one of the original (null if the
 * copy lacks it; this window's words in flight are found once typed again, in a later microtask);
 * `local` when this window made the move.
 */
export type BlockMovedListener = (copyOf: (id: Y.ID) => Y.ID | null, local: boolean) => void

/** The item a key of the moves map names, if this replica has it. */
function itemOf(doc: Y.Doc, key: string): Y.Item | null {
  const [client, clock] = key.split(':').map(Number)
  if (!Number.isSafeInteger(client) || !Number.isSafeInteger(clock)) return null
  if (Y.getState(doc.store, client!) <= clock!) return null
  const item = Y.getItem(doc.store, Y.createID(client!, clock!))
  return item instanceof Y.Item ? item : null
}

/** The block an item holds, if it still does (a deleted one is cleared once its transaction is over). */
const blockOf = (item: Y.Item | null): Y.XmlElement | null =>
  item && item.content instanceof Y.ContentType && item.content.type instanceof Y.XmlElement ? item.content.type : null

function liveBlock(doc: Y.Doc, key: string): Y.XmlElement | null {
  const item = itemOf(doc, key)
  return item && !item.deleted ? blockOf(item) : null
}

/**
 * The block this window had before the transaction that the copy stems from: a batch of remote edits
 * can hold several moves of one block, each copying the last (those in between arrive cleared). What the copy can contain of this
 * window's words is what the first mover of the chain had seen.
 */
function originalOf(doc: Y.Doc, moves: Y.Map<MoveRecord>, tr: Y.Transaction, key: string) {
  const seen: Uint8Array[] = []
  for (let k: string | undefined = key, hops = 0; k !== undefined && hops < 1000; hops++) {
    const record: MoveRecord | undefined = moves.get(k)
    if (!record || !(record.seen instanceof Uint8Array)) return null
    seen.push(record.seen)
    const item = itemOf(doc, record.from)
    if (!item) return null
    const isNew = item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0)
    if (!isNew) {
      const original = blockOf(item)
      if (!item.deleted || !original) return null
      return {
        original,
        seenOfMine: (me: number) => Math.min(...seen.map((sv) => Y.decodeStateVector(sv).get(me) ?? 0)),
      }
    }
    k = record.from
  }
  return null
}

type DeleteSet = ReturnType<typeof Y.createDeleteSet>

/** Every undo and redo step that names an original unit now also names its copy. */
function remapHistory(undoManager: Y.UndoManager, was: BlockUnit[], now: BlockUnit[], match: Int32Array): void {
  for (const step of [...undoManager.undoStack, ...undoManager.redoStack]) {
    const extra: Y.ID[] = []
    match.forEach((j, i) => {
      if (j >= 0 && Y.isDeleted(step.insertions, was[i]!.id)) extra.push(now[j]!.id)
    })
    if (extra.length > 0) step.insertions = withIds(step.insertions, extra)
  }
}

/** A new delete set: `set` plus single-character ranges for `ids`, sorted and merged as Yjs expects. */
function withIds(set: DeleteSet, ids: Y.ID[]): DeleteSet {
  const ranges = new Map<number, Array<{ clock: number; len: number }>>()
  set.clients.forEach((items, client) => ranges.set(client, items.map((d) => ({ clock: d.clock, len: d.len }))))
  for (const id of ids) {
    const list = ranges.get(id.client) ?? []
    list.push({ clock: id.clock, len: 1 })
    ranges.set(id.client, list)
  }
  const out = Y.createDeleteSet()
  ranges.forEach((list, client) => {
    list.sort((a, b) => a.clock - b.clock)
    const merged: Array<{ clock: number; len: number }> = []
    for (const r of list) {
      const last = merged[merged.length - 1]
      if (last && r.clock <= last.clock + last.len) last.len = Math.max(last.len, r.clock + r.len - last.clock)
      else merged.push({ ...r })
    }
    out.clients.set(client, merged as DeleteSet['clients'] extends Map<number, infer V> ? V : never)
  })
  return out
}

interface LostRun {
  units: BlockUnit[]
  /** Where the run goes in the copy. */
  text: Y.XmlText
  index: number
}

/** Runs of this window's lost characters, each with the place in the copy where it belongs. */
function lostRuns(was: BlockUnit[], now: BlockUnit[], match: Int32Array, lost: (u: BlockUnit) => boolean): LostRun[] {
  const runs: LostRun[] = []
  let i = 0
  while (i < was.length) {
    if (match[i]! >= 0 || !lost(was[i]!)) {
      i++
      continue
    }
    const start = i
    while (i < was.length && match[i]! < 0 && lost(was[i]!) && was[i]!.text === was[start]!.text) i++
    // Put it next to the nearest character of its own text that the copy has.
    const inSameText = (k: number) => k >= 0 && k < was.length && was[k]!.text === was[start]!.text
    let b = start - 1
    while (inSameText(b) && match[b]! < 0) b--
    let f = i
    while (inSameText(f) && match[f]! < 0) f++
    const before = inSameText(b) ? now[match[b]!] : undefined
    const after = inSameText(f) ? now[match[f]!] : undefined
    const at = before?.text ? { text: before.text, index: before.index + 1 } : after?.text ? { text: after.text, index: after.index } : null
    if (at) runs.push({ units: was.slice(start, i), ...at })
  }
  return runs
}

/**
 * Types this window's lost words into the copy once the move's transaction is over (its original is
 * cleared then), and lets the undo steps that named them (and `copyOf`) name the new characters.
 */
function rescue(doc: Y.Doc, run: LostRun, undoManager: Y.UndoManager, origin: unknown, copyOf: Map<string, Y.ID>): void {
  const where = Y.createRelativePositionFromTypeIndex(run.text, run.index)
  const words = run.units.map((u) => u.char).join('')
  const steps = undoManager.undoStack.filter((step) => run.units.some((u) => Y.isDeleted(step.insertions, u.id)))
  queueMicrotask(() => {
    const pos = Y.createAbsolutePositionFromRelativePosition(where, doc)
    if (!pos || !(pos.type instanceof Y.XmlText)) return
    const text = pos.type
    const firstClock = Y.getState(doc.store, doc.clientID)
    doc.transact(() => text.insert(pos.index, words), origin)
    const typed = Array.from(words, (_, k) => Y.createID(doc.clientID, firstClock + k))
    for (const step of steps) step.insertions = withIds(step.insertions, typed)
    run.units.forEach((u, k) => copyOf.set(blockKey(u.id), typed[k]!))
  })
}
