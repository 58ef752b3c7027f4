import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import type { Comment } from '../../../shared/types'
import { type AnchorRepair, composeRepair, moveTopLevelBlock, repairsAfterUndo } from '../../../shared/draft/anchorRepairs'
import { anchorForRange, anchorForTopLevelBlock, decodeRelative, describePlacement, resolveAnchor, resolveCommentRange } from '../../../shared/draft/anchors'
import { GENERAL_PLACE } from '../../../shared/draft/locator'
import { plainText } from '../../../shared/draft/positionIndex'
import { findExact } from '../../../shared/draft/quoteSearch'
import { demoDraftContent } from '../../../server/demo/demoDraft'
import { encodeRelativeTo, fragmentOf, indexOf, pmOf, rangeText, replicaOf, ydocFrom } from '../../helpers/draftFixtures'
import { seededRandom } from '../../helpers/random'

/** Comment anchors: relative positions, resolving them, and following moved recommendations. */

describe('anchors', () => {
  it('describes placement: general, anchored with its place, orphaned at its last place once the words are gone', () => {
    const d = ydocFrom(demoDraftContent())
    const index = indexOf(d)
    const r = findExact(index, 'Train all staff in security awareness')!
    const stale = { kind: 'heading' as const, heading: 'Where it was' }
    const comment = { scope: 'text' as const, anchors: [anchorForRange(index, r.from, r.to)], place: stale }
    expect(describePlacement(index, d, comment)).toEqual({
      place: { kind: 'recommendation', recommendation: 6, action: [2] },
      anchorState: 'anchored',
      range: r,
    })
    expect(describePlacement(index, d, { ...comment, scope: 'draft' })).toMatchObject({ place: GENERAL_PLACE, anchorState: 'general' })

    const rec = index.recommendations[6]!
    const whole = { scope: 'recommendation' as const, anchors: [anchorForTopLevelBlock(index, rec)], place: GENERAL_PLACE }
    const placed = describePlacement(index, d, whole)
    expect(placed.place).toEqual({ kind: 'recommendation', recommendation: 7, action: [] })
    expect(placed.range).toEqual({ from: index.elementStart.get(rec)!, to: index.elementStart.get(rec)! + index.elementSize.get(rec)! })

    const seg = index.segments.find((s) => s.from <= r.from && r.to <= s.to)!
    seg.text.delete(r.from - seg.from, r.to - r.from)
    expect(describePlacement(indexOf(d), d, comment)).toEqual({ place: stale, anchorState: 'orphaned', range: null })
  })

  it('treats anchors that are not relative positions as unresolvable instead of throwing (seeded)', () => {
    const d = ydocFrom(demoDraftContent())
    const index = indexOf(d)
    expect(decodeRelative('not base64 at all!')).toBeNull()
    expect(resolveAnchor(index, d, { start: '!!!', end: 'AAAA' })).toBeNull()
    // Anchors come from clients (selections, repairs): random bytes must never throw.
    const random = seededRandom(7).next
    console.log('garbage anchors: seed 7')
    for (let i = 0; i < 3000; i++) {
      const bytes = Array.from({ length: 1 + Math.floor(random() * 12) }, () => Math.floor(random() * 256))
      const encoded = Buffer.from(bytes).toString('base64')
      const valid = encodeRelativeTo(d, 0)
      expect(() => resolveAnchor(index, d, { start: encoded, end: valid })).not.toThrow()
      expect(() => describePlacement(index, d, { scope: 'text', anchors: [{ start: valid, end: encoded }], place: GENERAL_PLACE })).not.toThrow()
    }
  })

  it('uses an older anchor pair only while the newest names text this replica does not have', () => {
    const d = ydocFrom(demoDraftContent())
    const offline = new Y.Doc()
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(d))
    const index = indexOf(d)
    const b = findExact(index, 'report on them')!
    const older = anchorForRange(index, b.from, b.to)
    // Another client types words and anchors the comment to them; this replica has not received them yet.
    const offlineIndex = indexOf(offline)
    const seg = offlineIndex.segments.find((s) => plainText(s.text).includes('report on them'))!
    seg.text.insert(0, 'Fresh words. ')
    const newest = anchorForRange(indexOf(offline), seg.from, seg.from + 'Fresh words.'.length)
    expect(rangeText(d, resolveCommentRange(indexOf(d), d, [newest, older])?.range ?? null)).toBe('report on them')
    Y.applyUpdate(d, Y.encodeStateAsUpdate(offline))
    expect(rangeText(d, resolveCommentRange(indexOf(d), d, [newest, older])?.range ?? null)).toBe('Fresh words.')
    // Once the newest pair's words are deleted the comment is orphaned: it does not jump back.
    const now = indexOf(d)
    const fresh = now.segments.find((s) => plainText(s.text).startsWith('Fresh words.'))!
    fresh.text.delete(0, 'Fresh words. '.length)
    expect(resolveCommentRange(indexOf(d), d, [newest, older])).toBeNull()
  })
})

describe('moving a recommendation', () => {
  type Anchored = Pick<Comment, 'id' | 'scope' | 'anchors'>
  const ORIGIN = { mover: 'local user' }

  function setup() {
    const d = ydocFrom(demoDraftContent())
    const remote = replicaOf(d)
    const index = indexOf(d)
    const rangeOf = (q: string) => findExact(index, q)!
    const textComment = (id: string, q: string): Anchored => {
      const r = rangeOf(q)
      return { id, scope: 'text', anchors: [anchorForRange(index, r.from, r.to)] }
    }
    const rec2 = index.recommendations[1]!
    const comments: Anchored[] = [
      textComment('NO-001', 'written ICT strategy'),
      textComment('NO-002', 'lessons learned from large procurement projects'),
      { id: 'NO-003', scope: 'recommendation', anchors: [anchorForTopLevelBlock(index, rec2)] },
      textComment('DE-001', 'govern their data as a strategic asset'),
      { id: 'DE-002', scope: 'draft', anchors: [] },
    ]
    const words = new Map<string, string>()
    for (const c of comments) {
      const r = resolveCommentRange(index, d, c.anchors)
      if (r) words.set(c.id, pmOf(d).textBetween(r.range.from, r.range.to))
    }
    const top = fragmentOf(d).toArray().indexOf(rec2)
    return { d, remote, comments, words, top }
  }

  const withRepairs = (comments: readonly Anchored[], repairs: readonly AnchorRepair[]): Anchored[] =>
    comments.map((c) => {
      const r = repairs.find((x) => x.commentId === c.id)
      return r ? { ...c, anchors: composeRepair(c.anchors, r) } : c
    })

  it('returns repairs that resolve, on every replica, to the same words after the move', () => {
    const { d, remote, comments, words, top } = setup()
    const updatesSeen: number[] = []
    d.on('update', () => updatesSeen.push(Date.now()))
    let repairsBeforeUpdate = false
    const end = fragmentOf(d).length - 1
    const { repairs } = moveTopLevelBlock(fragmentOf(d), top, end, ORIGIN, comments, (r) => {
      repairsBeforeUpdate = updatesSeen.length === 0 && r.length > 0
    })
    expect(repairsBeforeUpdate).toBe(true)
    expect(repairs.map((r) => r.commentId).sort()).toEqual(['NO-001', 'NO-002', 'NO-003'])

    // The old Yjs items were deleted: without repairs, the comments on the moved block lose their place.
    expect(resolveCommentRange(indexOf(remote), remote, comments[0]!.anchors)).toBeNull()

    const repaired = withRepairs(comments, repairs)
    for (const replica of [d, remote]) {
      const index = indexOf(replica)
      for (const c of repaired) {
        if (c.scope === 'draft') continue
        const r = resolveCommentRange(index, replica, c.anchors)
        expect(r, c.id).not.toBeNull()
        expect(pmOf(replica).textBetween(r!.range.from, r!.range.to), c.id).toBe(words.get(c.id))
      }
      // The moved recommendation is now the last one: Recommendation 10.
      const placed = describePlacement(index, replica, { ...repaired.find((c) => c.id === 'NO-002')!, place: GENERAL_PLACE })
      expect(placed.place).toEqual({ kind: 'recommendation', recommendation: 10, action: [3, 2] })
      const whole = describePlacement(index, replica, { ...repaired.find((c) => c.id === 'NO-003')!, place: GENERAL_PLACE })
      expect(whole.place).toEqual({ kind: 'recommendation', recommendation: 10, action: [] })
      const untouched = describePlacement(index, replica, { ...repaired.find((c) => c.id === 'DE-001')!, place: GENERAL_PLACE })
      expect(untouched.place).toEqual({ kind: 'recommendation', recommendation: 2, action: [] })
    }
  })

  it('moves forwards and backwards to any index, keeping the words of each comment', () => {
    for (const to of [0, 3, 4, 9, 12]) {
      const { d, comments, words, top } = setup()
      const { repairs } = moveTopLevelBlock(fragmentOf(d), top, to, ORIGIN, comments)
      const index0 = indexOf(d)
      const moved = index0.recommendations.find((el) => {
        const statement = el.get(0) as Y.XmlElement
        return plainText(statement.get(0) as Y.XmlText).startsWith('Offices should adopt a written')
      })!
      expect(fragmentOf(d).toArray().indexOf(moved)).toBe(to)
      const index = indexOf(d)
      for (const c of withRepairs(comments, repairs)) {
        if (c.scope === 'draft') continue
        const r = resolveCommentRange(index, d, c.anchors)
        expect(r && pmOf(d).textBetween(r.range.from, r.range.to), `${c.id} → ${to}`).toBe(words.get(c.id))
      }
    }
  })

  it('after undoing the move, repairsAfterUndo gives anchors that every replica resolves to the same words', () => {
    const { d, remote, comments, words, top } = setup()
    const undo = new Y.UndoManager(fragmentOf(d), { trackedOrigins: new Set([ORIGIN]) })
    const { repairs } = moveTopLevelBlock(fragmentOf(d), top, fragmentOf(d).length - 1, ORIGIN, comments)
    const moved = withRepairs(comments, repairs)
    let afterUndo: AnchorRepair[] = []
    d.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin === undo) afterUndo = repairsAfterUndo(fragmentOf(d), moved, tr)
    })
    undo.undo()
    expect(afterUndo.map((r) => r.commentId).sort()).toEqual(['NO-001', 'NO-002', 'NO-003'])
    const final = withRepairs(moved, afterUndo)
    const index = indexOf(remote)
    for (const c of final) {
      if (c.scope === 'draft') continue
      const r = resolveCommentRange(index, remote, c.anchors)
      expect(r && pmOf(remote).textBetween(r.range.from, r.range.to), c.id).toBe(words.get(c.id))
    }
    expect(describePlacement(index, remote, { ...final.find((c) => c.id === 'NO-002')!, place: GENERAL_PLACE }).place).toEqual({
      kind: 'recommendation',
      recommendation: 2,
      action: [3, 2],
    })
  })

  it('rejects a move of something that is not a block', () => {
    const d = ydocFrom(demoDraftContent())
    expect(() => moveTopLevelBlock(fragmentOf(d), 99, 0, ORIGIN, [])).toThrow(/no block/)
    expect(() => moveTopLevelBlock(new Y.XmlFragment(), 0, 0, ORIGIN, [])).toThrow(/not part of a Y.Doc/)
  })
})
