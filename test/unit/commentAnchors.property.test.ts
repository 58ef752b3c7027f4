import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CONTENT_FIELD } from '../../shared/protocol'
import { anchorForRange, resolveCommentRange } from '../../shared/draft/anchors'
import { type AnchorRepair, composeRepair, repairsAfterUndo, repairsForStartEdge } from '../../shared/draft/anchorRepairs'
import { MoveAwareUndo } from '../../shared/draft/moveAwareUndo'
import { buildPositionIndex, plainText, type PositionIndex } from '../../shared/draft/positionIndex'
import { NODE } from '../../shared/schema/names'
import type { Anchor, Comment } from '../../shared/types'
import { doc as docJson, recommendation } from '../../server/documents/draftJson'
import { draftStateFromJson } from '../../server/documents/draftState'
import { type Random, seededRandom, seedsToRun } from '../helpers/random'

/**
 * Seeded property test: three replicas edit concurrently around twenty anchored comments (inside,
 * before, after and across anchors; moves of recommendations; undo). After they converge, every
 * comment must cover exactly the characters a plain model says, and be orphaned exactly when all of
 * them were deleted.
 *
 * Every character in the draft is unique (CJK code points), so a character is its own identity. The
 * model only tracks which characters each comment covers: the words it was made on, plus characters
 * typed strictly inside it, as the typist saw it at that moment. Which characters are still alive
 * comes from the converged text itself.
 */

const ORIGIN = 'local-edit'
const MOVE_ORIGIN = 'local-move'
const DEBUG = process.env.DEBUG_ANCHORS === '1'
/** Operations to mix besides typing and deleting (both by default); e.g. ANCHOR_OPS=undo to study one. */
const DEFAULT_OPS = (process.env.ANCHOR_OPS ?? 'undo,move').split(',')
const log = (...args: unknown[]) => DEBUG && console.log(...args)
const REPLICAS = 3
const COMMENTS = 20
const ROUNDS = 14
const OPS_PER_ROUND = 4

let nextChar = 0x4e00
const freshChars = (n: number) => Array.from({ length: n }, () => String.fromCharCode(nextChar++)).join('')

interface Replica {
  doc: Y.Doc
  fragment: Y.XmlFragment
  undo: Y.UndoManager
  history: MoveAwareUndo
  /** The anchors this replica knows: the server's, plus its own repairs not yet echoed back. */
  view: Map<string, Anchor[]>
}

interface ModelComment extends Pick<Comment, 'id' | 'scope' | 'anchors'> {
  covered: Set<string>
}

function sync(replicas: Replica[]): void {
  for (let pass = 0; pass < 2; pass++) {
    for (const a of replicas) {
      for (const b of replicas) {
        if (a !== b) Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)))
      }
    }
  }
}

function textOfRange(index: PositionIndex, from: number, to: number): string {
  let out = ''
  for (const seg of index.segments) {
    if (seg.to <= from || seg.from >= to) continue
    out += plainText(seg.text).slice(Math.max(0, from - seg.from), to - seg.from)
  }
  return out
}

/**
 * Repairs travel like the real ones: the replica sees its own at once, the server composes them onto
 * each comment's newest pair in the order they arrive, and everyone gets the result when they sync.
 */
const outbox: AnchorRepair[] = []

function sendRepairs(r: Replica, repairs: AnchorRepair[]): void {
  for (const repair of repairs) {
    r.view.set(repair.commentId, composeRepair(r.view.get(repair.commentId)!, repair))
    outbox.push(repair)
  }
}

function deliverRepairs(comments: ModelComment[], replicas: Replica[]): void {
  for (const repair of outbox.splice(0)) {
    const c = comments.find((x) => x.id === repair.commentId)!
    c.anchors = composeRepair(c.anchors, repair)
  }
  for (const r of replicas) for (const c of comments) r.view.set(c.id, c.anchors)
}

/** The comments as a replica knows them. */
function seen(r: Replica, comments: ModelComment[]): ModelComment[] {
  return comments.map((c) => ({ ...c, anchors: r.view.get(c.id)! }))
}

function runScenario(seed: number, ops: readonly string[] = DEFAULT_OPS): void {
  const OPS = new Set(ops)
  const rnd: Random = seededRandom(seed)
  nextChar = 0x4e00
  // Base draft: four recommendations with a statement and two actions each, all characters unique.
  const recs = Array.from({ length: 4 }, () => recommendation(freshChars(40), [freshChars(30), freshChars(30)]))
  const base = new Y.Doc()
  Y.applyUpdate(base, draftStateFromJson(docJson(...recs)))
  const replicas: Replica[] = Array.from({ length: REPLICAS }, (_, i) => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
    doc.clientID = 1000 + i // after the base state: see GUIDE about client-id renames
    const fragment = doc.getXmlFragment(CONTENT_FIELD)
    const undo = new Y.UndoManager(fragment, { trackedOrigins: new Set([ORIGIN]), captureTimeout: 0 })
    const history = new MoveAwareUndo(undo, fragment, MOVE_ORIGIN)
    history.followMoves()
    return { doc, fragment, undo, history, view: new Map<string, Anchor[]>() }
  })

  // Twenty comments on random words of random text blocks (they overlap and nest by chance).
  const comments: ModelComment[] = []
  const index0 = buildPositionIndex(replicas[0]!.fragment)
  for (let i = 0; i < COMMENTS; i++) {
    const block = rnd.pick(index0.blocks)
    const len = block.to - block.from
    const from = block.from + rnd.int(0, len - 6)
    const to = Math.min(block.to, from + rnd.int(2, 12))
    comments.push({
      id: `NO-${String(i + 1).padStart(3, '0')}`,
      scope: 'text',
      anchors: [anchorForRange(index0, from, to)],
      covered: new Set(textOfRange(index0, from, to)),
    })
  }

  for (const r of replicas) for (const c of comments) r.view.set(c.id, c.anchors)
  outbox.length = 0

  const textBlocks = (r: Replica) => buildPositionIndex(r.fragment).segments

  const insert = (r: Replica) => {
    const segs = textBlocks(r)
    const seg = rnd.pick(segs)
    const text = plainText(seg.text)
    // Aim near a comment's edge half of the time: just before, at, or just after it.
    let offset = rnd.int(0, text.length)
    const target = rnd.pick(comments)
    const chars = [...text]
    const coveredAt = chars.map((ch) => target.covered.has(ch))
    if (rnd.chance(0.5) && coveredAt.includes(true)) {
      const first = coveredAt.indexOf(true)
      const last = coveredAt.lastIndexOf(true) + 1
      offset = rnd.pick([first - 1, first, first + 1, last - 1, last, last + 1].filter((o) => o >= 0 && o <= text.length))
    }
    const added = freshChars(rnd.int(1, 3))
    // Model: the new characters belong to every comment that surrounds the caret in this replica's view.
    for (const c of comments) {
      const before = chars.slice(0, offset).some((ch) => c.covered.has(ch))
      const after = chars.slice(offset).some((ch) => c.covered.has(ch))
      if (before && after) for (const ch of added) c.covered.add(ch)
    }
    log(r.doc.clientID, 'insert', added, 'at', offset, 'in', text, 'covers', comments.filter((c) => [...added].every((ch) => c.covered.has(ch))).map((c) => c.id))
    // As the editor does: comments whose start edge the caret was on must not grow at the start.
    const at = seg.from + offset
    const before = buildPositionIndex(r.fragment)
    const atStart = seen(r, comments).flatMap((c) => {
      const resolved = resolveCommentRange(before, r.doc, c.anchors)
      return resolved && resolved.range.from === at
        ? [{ comment: c, expected: { from: at + added.length, to: resolved.range.to + added.length } }]
        : []
    })
    r.doc.transact(() => seg.text.insert(offset, added), ORIGIN)
    const edgeRepairs = repairsForStartEdge(r.fragment, atStart)
    if (edgeRepairs.length > 0) log(r.doc.clientID, 'start-edge repairs', edgeRepairs.map((x) => x.commentId))
    sendRepairs(r, edgeRepairs)
  }

  const remove = (r: Replica) => {
    const seg = rnd.pick(textBlocks(r))
    const len = seg.text.length
    if (len === 0) return
    const target = rnd.pick(comments)
    const chars = [...plainText(seg.text)]
    let from = rnd.int(0, len - 1)
    let count = rnd.int(1, 5)
    const inTarget = chars.map((ch) => target.covered.has(ch))
    if (rnd.chance(0.4) && inTarget.includes(true)) {
      // Across an edge, or the comment's whole text.
      const first = inTarget.indexOf(true)
      const last = inTarget.lastIndexOf(true)
      ;[from, count] = rnd.pick([
        [Math.max(0, first - 2), 4],
        [Math.max(0, last - 1), 4],
        [first, last - first + 1],
      ] as const)
    }
    count = Math.min(count, len - from)
    log(r.doc.clientID, 'delete', chars.slice(from, from + count).join(''), 'from', chars.join(''))
    if (count > 0) r.doc.transact(() => seg.text.delete(from, count), ORIGIN)
  }

  const move = (r: Replica) => {
    const children = r.fragment.toArray()
    const recIndexes = children.flatMap((c, i) => (c instanceof Y.XmlElement && c.nodeName === NODE.recommendation ? [i] : []))
    if (recIndexes.length < 2) return
    const at = rnd.int(0, recIndexes.length - 2)
    const repairs = r.history.move(recIndexes[at + 1]!, recIndexes[at]!, seen(r, comments))
    log(r.doc.clientID, 'move', recIndexes[at + 1], 'to', recIndexes[at], 'repairs', repairs.map((x) => x.commentId))
    sendRepairs(r, repairs)
  }

  const undo = (r: Replica) => {
    if (!r.history.canUndo()) return
    // As the editor does: text undo repairs are computed inside the undo's transaction, before it is
    // sent; undoing a move moves the block back and repairs like any move.
    let repairs: AnchorRepair[] = []
    const onAfter = (tr: Y.Transaction) => {
      if (tr.origin === r.undo) repairs = repairsAfterUndo(r.fragment, seen(r, comments), tr)
    }
    r.doc.on('afterTransaction', onAfter)
    const moveRepairs = r.history.undo(seen(r, comments))
    r.doc.off('afterTransaction', onAfter)
    repairs.push(...moveRepairs)
    log(r.doc.clientID, 'undo', 'repairs', repairs.map((x) => x.commentId))
    sendRepairs(r, repairs)
  }

  for (let round = 0; round < ROUNDS; round++) {
    // Yjs has no move: a recommendation moved while others edit inside it keeps the mover's copy.
    // One move per round at most, as two people moving the same block at once would duplicate it.
    const mover = rnd.chance(0.35) && OPS.has('move') ? rnd.int(0, REPLICAS - 1) : -1
    for (let op = 0; op < OPS_PER_ROUND; op++) {
      replicas.forEach((r, i) => {
        const roll = rnd.next()
        if (i === mover && op === 0) move(r)
        else if (roll < 0.5) insert(r)
        else if (roll < 0.85) remove(r)
        else if (OPS.has('undo')) undo(r)
      })
    }
    sync(replicas)
    deliverRepairs(comments, replicas)
    log('--- round', round, 'synced')
  }
  sync(replicas)

  // Every replica has the same text, and every comment resolves identically everywhere.
  const texts = replicas.map((r) => textBlocks(r).map((s) => plainText(s.text)).join('|'))
  expect(new Set(texts).size, `seed ${seed}: replicas converge`).toBe(1)
  const finalChars = [...texts[0]!].filter((ch) => ch !== '|')
  const alive = new Set(finalChars)
  // Two people undoing overlapping deletions at the same time both bring the text back (a Yjs trait),
  // so a character can appear twice; which copy a comment should hold is then undefined: skip those.
  const twice = new Set(finalChars.filter((ch, i) => finalChars.indexOf(ch) !== i))
  const unambiguous = (chars: Iterable<string>) => [...chars].filter((ch) => !twice.has(ch)).sort().join('')
  const finalText = [...texts[0]!]
  for (const c of comments) {
    // A comment covers one run of text. Concurrent inserts are ordered by Yjs (by client), so text typed
    // at a comment's edge can land between its words, e.g. after a first word that an undo brought back
    // at the same moment; then the comment covers the shortest run that holds all of its words.
    const positions = finalText.flatMap((ch, i) => (c.covered.has(ch) ? [i] : []))
    const span = positions.length === 0 ? [] : finalText.slice(Math.min(...positions), Math.max(...positions) + 1)
    expect(span.includes('|'), `seed ${seed}: ${c.id}'s words stay in one block`).toBe(false)
    const expected = unambiguous(span)
    for (const r of replicas) {
      const index = buildPositionIndex(r.fragment)
      const resolved = resolveCommentRange(index, r.doc, c.anchors, false)
      const actual = resolved ? unambiguous(textOfRange(index, resolved.range.from, resolved.range.to)) : ''
      expect(actual, `seed ${seed}: ${c.id} on replica ${r.doc.clientID} covers the model's text`).toBe(expected)
      const allGone = [...c.covered].every((ch) => !alive.has(ch))
      expect(resolved === null, `seed ${seed}: ${c.id} orphaned exactly when all its text is gone`).toBe(allGone)
    }
  }
}

describe('comment anchors under concurrent editing (seeded property test)', () => {
  for (const seed of seedsToRun(Number(process.env.ANCHOR_SEEDS ?? 40))) {
    it(`seed ${seed}`, () => {
      console.log(`comment anchor property test seed: ${seed} (replay with SEED=${seed})`)
      runScenario(seed)
    })
  }

  // Seeds that once failed, kept as named tests (each found a bug that is now fixed).
  const regressions: [number, string[], string][] = [
    [207758, ['undo', 'move'], 'undo of a move: positions on words deleted before the move'],
    [295700, ['undo', 'move'], 'typing at the start of a comment whose first words were deleted'],
    [380299, ['undo', 'move'], 'an older anchor pair must not revive a comment whose words were deleted'],
    [411178, ['undo', 'move'], 'undo of a deletion after a move and its undo'],
    [413352, ['undo', 'move'], 'two people repairing different ends of one comment at once'],
    [545528, ['undo', 'move'], 'repairs against anchors a replica has not received yet'],
    [585544, ['undo', 'move'], 'undo of a move brings back everyone\'s edits (moves back, no Yjs undo)'],
    [613916, ['undo'], 'concurrent edge insert ordered between restored first word and the rest'],
  ]
  for (const [seed, ops, what] of regressions) {
    it(`regression seed ${seed} (${ops.join('+')}): ${what}`, () => runScenario(seed, ops))
  }

  // Known limit, measured at 1–3% of random high-contention seeds: two people undo at the same moment
  // around one comment's edge, and Yjs restores the characters in an order that puts a word typed inside
  // the comment just outside the restored edge. No anchor pair can express that coverage.
  it.fails('known limit, seed 737088: simultaneous undos reorder a comment\'s edge', () => runScenario(737088))
  it.fails('known limit, seed 533719 (undo only): an undo restores a first word while someone types before it', () =>
    runScenario(533719, ['undo']),
  )
  it.fails('known limit, seed 651177 (undo only): restored last word lands before text typed inside', () =>
    runScenario(651177, ['undo']),
  )
})
