import * as Y from 'yjs'
import { MOVES_FIELD } from '../protocol'
import type { Anchor, Comment } from '../types'
import { decodeRelative, encodeRelative, resolveCommentRange, type Range } from './anchors'
import { absoluteToPm, buildPositionIndex, pmToRelative, type PositionIndex } from './positionIndex'

/**
 * New ends for a comment whose words now live in new Yjs items (after a move, an undo, or typing at
 * its start). Only the ends that changed are sent, so that repairs made at the same time by different
 * people for different ends of one comment combine instead of overwriting each other.
 */
export interface AnchorRepair {
  commentId: string
  start?: string
  end?: string
}

/** Anchor pairs kept per comment (older ones are fallbacks when a newer one cannot be resolved). */
export const MAX_ANCHORS = 8

type Anchored = Pick<Comment, 'id' | 'scope' | 'anchors'>

/** Applies a repair to a comment's anchor pairs: the newest pair with the changed ends goes first. */
export function composeRepair(anchors: readonly Anchor[], repair: AnchorRepair): Anchor[] {
  const newest = anchors[0]
  const start = repair.start ?? newest?.start
  const end = repair.end ?? newest?.end
  if (start === undefined || end === undefined) return [...anchors]
  if (newest && newest.start === start && newest.end === end) return [...anchors]
  return [{ start, end }, ...anchors].slice(0, MAX_ANCHORS)
}

const fullRepair = (commentId: string, anchor: Anchor): AnchorRepair => ({ commentId, start: anchor.start, end: anchor.end })

/**
 * Moves the top-level block at `from` so that it ends up at index `to`, as one transaction with `origin`
 * (so the mover's undo manager can take it back). Yjs has no move: the block is deleted and a copy is
 * inserted. Comments on its words would lose their place, so their new anchor pairs are returned; they
 * are computed inside the transaction and `beforeCommit` receives them before the update is sent.
 */
export function moveTopLevelBlock(
  fragment: Y.XmlFragment,
  from: number,
  to: number,
  origin: unknown,
  comments: readonly Anchored[],
  beforeCommit: (repairs: AnchorRepair[]) => void = () => undefined,
): { repairs: AnchorRepair[]; copy: Y.XmlElement } {
  const doc = fragment.doc
  if (!doc) throw new Error('the fragment is not part of a Y.Doc')
  const element = fragment.get(from)
  if (!(element instanceof Y.XmlElement)) throw new Error(`no block at index ${from}`)
  const before = buildPositionIndex(fragment)
  const start = before.elementStart.get(element)!
  const end = start + before.elementSize.get(element)!
  const inside = comments.flatMap((c) => {
    if (c.scope === 'draft') return []
    const resolved = resolveCommentRange(before, doc, c.anchors)
    if (!resolved || resolved.range.from < start || resolved.range.to > end) return []
    return [{ comment: c, offsetFrom: resolved.range.from - start, offsetTo: resolved.range.to - start }]
  })
  let repairs: AnchorRepair[] = []
  const copy = element.clone()
  const seen = Y.encodeStateVector(doc)
  doc.transact(() => {
    fragment.delete(from, 1)
    fragment.insert(to, [copy])
    recordMove(doc, element, copy, seen)
    const after = buildPositionIndex(fragment)
    const newStart = after.elementStart.get(copy)!
    // The copy has the same structure, so every offset from the block's start still holds.
    repairs = inside.map(({ comment, offsetFrom, offsetTo }) =>
      fullRepair(comment.id, {
        start: encodeRelative(pmToRelative(after, newStart + offsetFrom, 0)),
        end: encodeRelative(pmToRelative(after, newStart + offsetTo, -1)),
      }),
    )
    beforeCommit(repairs)
  }, origin)
  return { repairs, copy }
}

/** What a move leaves in the moves map, for followMovedBlocks.ts in every window. */
export interface MoveRecord {
  /** Key of the block that was moved (deleted and copied). */
  from: string
  /** The mover's encoded state vector just before the move: what the copy could contain. */
  seen: Uint8Array
  /** When it was moved (ms since the epoch, the mover's clock). */
  at: number
}

/**
 * How long a move's record is kept. It is read only by windows that receive the move, which happens
 * within seconds (or at the reconnection of a window that was offline); older ones are cleared so that
 * the draft does not grow with every move.
 */
export const MOVE_RECORD_TTL_MS = 24 * 60 * 60 * 1000

function recordMove(doc: Y.Doc, original: Y.XmlElement, copy: Y.XmlElement, seen: Uint8Array): void {
  if (!original._item || !copy._item) return
  const moves = doc.getMap<MoveRecord>(MOVES_FIELD)
  const now = Date.now()
  for (const [key, record] of moves.entries()) {
    if (!(typeof record?.at === 'number' && now - record.at < MOVE_RECORD_TTL_MS)) moves.delete(key)
  }
  moves.set(blockKey(copy._item.id), { from: blockKey(original._item.id), seen, at: now })
}

/** The key of a top-level block in the moves map: its Yjs id. */
export const blockKey = (id: Y.ID) => `${id.client}:${id.clock}`

/** Whether every character between two positions was created by `transaction` (restored by an undo). */
function allCreatedBy(index: PositionIndex, transaction: Y.Transaction, from: number, to: number): boolean {
  const client = transaction.doc.clientID
  const firstNewClock = transaction.beforeState.get(client) ?? 0
  for (const seg of index.segments) {
    if (seg.to <= from || seg.from >= to) continue
    let offset = 0
    for (let item = seg.text._start; item !== null; item = item.right) {
      if (item.deleted || !item.countable) continue
      const a = seg.from + offset
      const b = a + item.length
      offset += item.length
      if (b <= from || a >= to) continue
      if (item.id.client !== client || item.id.clock < firstNewClock) return false
    }
  }
  return true
}

/**
 * The position of an anchor end if it points, through this client's "redone" links, at a character
 * this very transaction restored; otherwise null.
 */
function restoredEnd(index: PositionIndex, doc: Y.Doc, transaction: Y.Transaction, encoded: string): number | null {
  const rel = decodeRelative(encoded)
  if (!rel || rel.item === null || Y.getState(doc.store, rel.item.client) <= rel.item.clock) return null
  let item = Y.getItem(doc.store, rel.item)
  while (item instanceof Y.Item && item.redone !== null) item = Y.getItem(doc.store, item.redone)
  if (!(item instanceof Y.Item) || item.deleted) return null
  const firstNewClock = transaction.beforeState.get(doc.clientID) ?? 0
  if (item.id.client !== doc.clientID || item.id.clock < firstNewClock) return null
  const abs = Y.createAbsolutePositionFromRelativePosition(rel, doc, true)
  return abs === null ? null : absoluteToPm(index, abs)
}

/**
 * Where the comment's words are in this replica after its undo. Yjs follows "redone" links locally; and
 * an older pair of the comment may name, as its first or last character, a character this very undo
 * restored just outside the newest pair (words deleted before a move that was undone): they rejoin it.
 */
function localRangeAfterUndo(index: PositionIndex, doc: Y.Doc, transaction: Y.Transaction, anchors: readonly Anchor[]): Range | null {
  const current = resolveCommentRange(index, doc, anchors, true)
  if (!current) return null
  let { from, to } = current.range
  for (const older of anchors.slice(anchors.indexOf(current.anchor) + 1)) {
    const start = restoredEnd(index, doc, transaction, older.start)
    if (start !== null && start < from && allCreatedBy(index, transaction, start, from)) from = start
    const end = restoredEnd(index, doc, transaction, older.end)
    if (end !== null && end > to && allCreatedBy(index, transaction, to, end)) to = end
  }
  return { from, to }
}

/**
 * After this client's undo or redo: comments whose words came back as new items resolve here (Yjs
 * follows "redone" links locally) but not on other clients, which never see those links. Returns the
 * ends that differ, re-anchored on the restored words, so every client and the server agree.
 */
export function repairsAfterUndo(
  fragment: Y.XmlFragment,
  comments: readonly Anchored[],
  transaction: Y.Transaction,
): AnchorRepair[] {
  const doc = fragment.doc
  if (!doc) return []
  const index = buildPositionIndex(fragment)
  const repairs: AnchorRepair[] = []
  for (const c of comments) {
    if (c.scope === 'draft' || c.anchors.length === 0) continue
    const local = localRangeAfterUndo(index, doc, transaction, c.anchors)
    if (!local) continue
    // What everyone else will resolve from the same pairs (they have no "redone" links).
    const shared = resolveCommentRange(index, doc, c.anchors, false)?.range ?? null
    if (shared && shared.from === local.from && shared.to === local.to) continue
    const repair: AnchorRepair = { commentId: c.id }
    if (!shared || shared.from !== local.from) repair.start = encodeRelative(pmToRelative(index, local.from, 0))
    if (!shared || shared.to !== local.to) repair.end = encodeRelative(pmToRelative(index, local.to, -1))
    repairs.push(repair)
  }
  return repairs
}

/** Where this client's last inserted character is (its type and index), or null. */
function lastInserted(doc: Y.Doc): Y.AbsolutePosition | null {
  const clock = Y.getState(doc.store, doc.clientID)
  if (clock === 0) return null
  return Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON({ item: { client: doc.clientID, clock: clock - 1 }, assoc: 0 }), doc)
}

/** Whether an anchor's start resolves in the same run of text as `typed`, strictly after it. */
function startsAfter(doc: Y.Doc, encodedStart: string, typed: Y.AbsolutePosition): boolean {
  const rel = decodeRelative(encodedStart)
  const start = rel ? Y.createAbsolutePositionFromRelativePosition(rel, doc) : null
  return start !== null && start.type === typed.type && start.index > typed.index
}

/**
 * After this client typed at the start edge of comments: Yjs places typed text after any deleted
 * characters at the caret, so text typed just before a comment whose first words were deleted would
 * silently join it, although the typist saw it outside. Each candidate carries the range the typist
 * saw (the comment's range moved past the typed text); comments that grew at the start get a new start.
 */
export function repairsForStartEdge(
  fragment: Y.XmlFragment,
  candidates: readonly { comment: Anchored; expected: Range }[],
): AnchorRepair[] {
  const doc = fragment.doc
  if (!doc || candidates.length === 0) return []
  // The full check indexes the whole draft (tens of ms at 200 pages, on every keystroke typed in front of
  // a comment): first rule out, from Yjs alone, the comments whose every start lies after what was typed.
  const typed = lastInserted(doc)
  const suspects = typed ? candidates.filter(({ comment }) => !comment.anchors.every((a) => startsAfter(doc, a.start, typed))) : candidates
  if (suspects.length === 0) return []
  const index = buildPositionIndex(fragment)
  const repairs: AnchorRepair[] = []
  for (const { comment, expected } of suspects) {
    const now = resolveCommentRange(index, doc, comment.anchors)
    if (!now || now.range.to !== expected.to || now.range.from >= expected.from) continue
    repairs.push({ commentId: comment.id, start: encodeRelative(pmToRelative(index, expected.from, 0)) })
  }
  return repairs
}
