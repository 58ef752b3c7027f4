import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { MOVE_RECORD_TTL_MS, type MoveRecord } from '../../../shared/draft/anchorRepairs'
import { MoveAwareUndo } from '../../../shared/draft/moveAwareUndo'
import { MOVES_FIELD } from '../../../shared/protocol'
import { findExact } from '../../../shared/draft/quoteSearch'
import { demoDraftContent } from '../../../server/demo/demoDraft'
import { fragmentOf, indexOf, pmOf, ydocFrom } from '../../helpers/draftFixtures'

/**
 * A move of a recommendation is a delete and a copy (Yjs has no move). Every window's undo history
 * follows the words into the copy, and words typed into the block while someone else moved it are
 * typed into the copy again by the window that typed them.
 */

const TYPED = 'typed'
const MOVE = 'move'

/** A window: its replica, its undo history (tracking its own typing) and how it types. */
function window(from: Y.Doc) {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(from))
  const undoManager = new Y.UndoManager(fragmentOf(doc), { trackedOrigins: new Set([TYPED]), captureTimeout: 0 })
  const history = new MoveAwareUndo(undoManager, fragmentOf(doc), MOVE)
  history.followMoves()
  const topIndexOf = (words: string) => {
    const index = indexOf(doc)
    const at = findExact(index, words)!.from
    return fragmentOf(doc).toArray().findIndex((block) => {
      const start = index.elementStart.get(block as Y.XmlElement)!
      return start <= at && at < start + index.elementSize.get(block as Y.XmlElement)!
    })
  }
  return {
    doc,
    history,
    /** Types `text` right after `words`, as one undo step. */
    typeAfter(words: string, text: string) {
      const index = indexOf(doc)
      const at = findExact(index, words)!.to
      const seg = index.segments.find((s) => s.from <= at && at <= s.to)!
      doc.transact(() => seg.text.insert(at - seg.from, text), TYPED)
      undoManager.stopCapturing()
    },
    deleteWords(words: string) {
      const index = indexOf(doc)
      const r = findExact(index, words)!
      const seg = index.segments.find((s) => s.from <= r.from && r.to <= s.to)!
      doc.transact(() => seg.text.delete(r.from - seg.from, r.to - r.from), TYPED)
    },
    /** Moves the recommendation holding `words` one place up or down. */
    move(words: string, by: -1 | 1) {
      const from = topIndexOf(words)
      history.move(from, from + by, [])
    },
    text: () => pmOf(doc).textContent,
  }
}

/** Windows that start from the same draft. */
type Window = ReturnType<typeof window>
function windowsOnOneDraft(n: 2): [Window, Window]
function windowsOnOneDraft(n: 3): [Window, Window, Window]
function windowsOnOneDraft(n: number): Window[] {
  const draft = ydocFrom(demoDraftContent())
  return Array.from({ length: n }, () => window(draft))
}

/** Everything `from` has that `to` lacks, as one update (one remote transaction). */
const send = (from: Y.Doc, to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'remote')
const settled = () => new Promise<void>((resolve) => setTimeout(resolve, 0))
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1

const REC3 = 'tied to their business goals'
const REC4 = 'machine-readable formats'

describe('undo and concurrent typing around moved recommendations', () => {
  it('undo after moving a recommendation back takes back the words typed in it, not older ones elsewhere', () => {
    const a = window(ydocFrom(demoDraftContent()))
    a.typeAfter('Offices should move', ' OLDER')
    a.typeAfter(REC4, ' NEWER')
    a.move(REC4, -1)
    a.history.undo([])
    expect(a.text()).toContain(' NEWER')
    a.history.undo([])
    expect(a.text()).not.toContain(' NEWER')
    expect(a.text()).toContain(' OLDER')
  })

  it("after someone else moves the recommendation, this window's undo takes back its own last words", () => {
    const [a, b] = windowsOnOneDraft(2)
    a.typeAfter(REC3, ' OLDER')
    a.typeAfter(REC4, ' NEWER')
    send(a.doc, b.doc)
    b.move(REC4, -1)
    send(b.doc, a.doc)
    expect(a.text()).toBe(b.text())
    a.history.undo([])
    expect(a.text()).not.toContain(' NEWER')
    expect(a.text()).toContain(' OLDER')
    a.history.redo([])
    expect(a.text()).toContain(' NEWER')
  })

  it('words typed while someone else moves the block reach the moved copy once, and undo takes them back', async () => {
    const [a, b] = windowsOnOneDraft(2)
    a.typeAfter(REC4, ' IN FLIGHT')
    b.move(REC4, -1) // b has not seen a's words
    send(b.doc, a.doc)
    send(a.doc, b.doc)
    await settled()
    send(a.doc, b.doc)
    expect(count(a.text(), ' IN FLIGHT')).toBe(1)
    expect(b.text()).toBe(a.text())
    expect(a.text()).toContain(`${REC4} IN FLIGHT based on`)
    // The moved recommendation is the third one now.
    expect(pmOf(a.doc).child(fragmentOf(a.doc).toArray().findIndex((x) => x.toString().includes('IN FLIGHT'))).textContent).toContain(REC4)
    a.history.undo([])
    send(a.doc, b.doc)
    expect(count(b.text(), 'IN FLIGHT')).toBe(0)
  })

  it("another window's words in flight are left to that window: a third one types nothing", async () => {
    const [a, b, c] = windowsOnOneDraft(3)
    c.typeAfter(REC4, ' FROM C')
    b.move(REC4, -1)
    send(b.doc, a.doc)
    send(c.doc, a.doc)
    send(b.doc, c.doc)
    await settled()
    for (const [from, to] of [[a, b], [c, b], [b, a], [c, a], [a, c], [b, c]] as const) send(from.doc, to.doc)
    expect(count(a.text(), ' FROM C')).toBe(1)
    expect(new Set([a.text(), b.text(), c.text()]).size).toBe(1)
  })

  it('a batch with several moves of the block, typing in between and words in flight: all follow', async () => {
    const [a, b] = windowsOnOneDraft(2)
    a.typeAfter(REC3, ' OLDER')
    a.typeAfter(REC4, ' MINE')
    send(a.doc, b.doc)
    a.typeAfter(REC4, ' FLYING')
    b.move(REC4, -1)
    b.typeAfter('Offices should exchange', ' B1')
    b.move(REC4, 1)
    b.move(REC4, -1)
    b.typeAfter('formats', ' B2')
    send(b.doc, a.doc) // one remote transaction: three moves and B's typing
    await settled()
    send(a.doc, b.doc)
    expect(b.text()).toBe(a.text())
    for (const words of [' OLDER', ' MINE', ' FLYING', ' B1', ' B2']) expect([words, count(a.text(), words)]).toEqual([words, 1])
    expect(a.text()).toContain('formats FLYING B2 MINE based')
    a.history.undo([])
    expect(a.text()).not.toContain(' FLYING')
    a.history.undo([])
    expect(a.text()).not.toContain(' MINE')
    expect(a.text()).toContain(' OLDER')
    expect(a.text()).toContain(' B2')
  })

  it('words the mover saw and deleted just before moving stay deleted', async () => {
    const [a, b] = windowsOnOneDraft(2)
    a.typeAfter(REC4, ' SEEN')
    send(a.doc, b.doc)
    b.deleteWords(' SEEN')
    b.move(REC4, -1)
    send(b.doc, a.doc) // the deletion and the move arrive in one transaction
    await settled()
    send(a.doc, b.doc)
    expect(a.text()).not.toContain('SEEN')
    expect(b.text()).toBe(a.text())
  })

  it('keeps the record of a move for a day, so the draft does not grow with every move', () => {
    const [a] = windowsOnOneDraft(2)
    const moves = a.doc.getMap<MoveRecord>(MOVES_FIELD)
    a.move(REC4, -1)
    const first = [...moves.keys()]
    expect(first).toHaveLength(1)
    moves.set('1:1', { from: '1:0', seen: new Uint8Array(), at: Date.now() - MOVE_RECORD_TTL_MS - 1 })
    a.move(REC4, 1)
    expect(moves.has('1:1')).toBe(false)
    expect(moves.has(first[0]!)).toBe(true)
    expect(moves.size).toBe(2)
  })
})
