import type { JSONContent } from '@tiptap/core'
import type { Node as PmNode } from '@tiptap/pm/model'
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { CONTENT_FIELD } from '../../shared/protocol'
import { draftSchema } from '../../shared/schema/extensions'
import { NODE } from '../../shared/schema/names'
import type { Comment } from '../../shared/types'
import { type AnchorRepair, composeRepair, moveTopLevelBlock, repairsAfterUndo } from '../../shared/draft/anchorRepairs'
import {
  anchorForRange,
  anchorForTopLevelBlock,
  decodeRelative,
  describePlacement,
  resolveAnchor,
  resolveCommentRange,
} from '../../shared/draft/anchors'
import { GENERAL_LOCATOR, PREAMBLE_LOCATOR, formatLocator, parseLocator, placeIsWithin } from '../../shared/draft/locator'
import {
  type PositionIndex,
  buildPositionIndex,
  placeAt,
  plainText,
  pmToRelative,
  relativeToPm,
} from '../../shared/draft/positionIndex'
import { MIN_FUZZY_CONFIDENCE, findExact, locateQuote } from '../../shared/draft/quoteSearch'
import { doc as draftDoc, heading, paragraph, recommendation } from '../../server/documents/draftJson'
import { draftStateFromJson } from '../../server/documents/draftState'
import { demoDraftContent } from '../../server/demo/demoDraft'

const schema = draftSchema()

function ydocFrom(json: JSONContent): Y.Doc {
  const d = new Y.Doc()
  Y.applyUpdate(d, draftStateFromJson(json))
  return d
}
const fragmentOf = (d: Y.Doc) => d.getXmlFragment(CONTENT_FIELD)
const pmOf = (d: Y.Doc): PmNode => yXmlFragmentToProseMirrorRootNode(fragmentOf(d), schema)
const indexOf = (d: Y.Doc): PositionIndex => buildPositionIndex(fragmentOf(d))

/** A second replica that receives every update of `source` (another client, or the server). */
function replicaOf(source: Y.Doc): Y.Doc {
  const replica = new Y.Doc()
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(source))
  source.on('update', (u: Uint8Array) => Y.applyUpdate(replica, u))
  return replica
}

/** Deterministic PRNG (mulberry32) for the randomized tests. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const txt = (text: string, marks?: JSONContent['marks']): JSONContent => (marks ? { type: 'text', text, marks } : { type: 'text', text })

/** A draft with the awkward cases: preamble, marks, links, hard breaks, empty blocks, lists, emoji. */
function richDraft(): JSONContent {
  return draftDoc(
    { type: NODE.paragraph, content: [txt('Preamble with '), txt('bold', [{ type: 'bold' }]), txt(' and '), txt('italic link', [{ type: 'italic' }, { type: 'link', attrs: { href: 'https://www.wipo.int' } }]), txt('.')] },
    paragraph(),
    heading(1, 'Scope'),
    { type: NODE.paragraph, content: [txt('Line one'), { type: NODE.hardBreak }, txt('line two 😀 after emoji'), { type: NODE.hardBreak }] },
    { type: NODE.bulletList, content: [{ type: NODE.listItem, content: [paragraph('A plain bullet, not an action.')] }] },
    heading(2, 'Recommendations'),
    recommendation('Offices should digitize.', ['Scan the files.', ['Index them:', ['by number;', 'by date.']], 'Publish them.']),
    recommendation('', ['']),
    recommendation('Offices should share data.', ['Use standards.', 'Offer APIs.']),
    paragraph('Closing words.'),
  )
}

/** Checks every position the index computes against the ProseMirror document built from the same tree. */
function expectIndexMatchesProseMirror(d: Y.Doc): void {
  const index = indexOf(d)
  const pm = pmOf(d)
  expect(index.size).toBe(pm.content.size)
  for (const seg of index.segments) {
    expect(pm.textBetween(seg.from, seg.to)).toBe(plainText(seg.text))
    expect(pm.resolve(seg.from).parent.type.name).toBe(seg.block.nodeName)
  }
  for (const block of index.blocks) {
    const $from = pm.resolve(block.from)
    expect($from.parent.type.name).toBe(block.element.nodeName)
    expect($from.start()).toBe(block.from)
    expect($from.end()).toBe(block.to)
  }
  for (const [element, start] of index.elementStart) {
    const node = pm.nodeAt(start)
    expect(node?.type.name).toBe(element.nodeName)
    expect(node?.nodeSize).toBe(index.elementSize.get(element))
  }
  // Every ProseMirror node has its element in the index.
  let nodes = 0
  pm.descendants((n) => {
    if (!n.isText) nodes++
  })
  expect(index.elementStart.size).toBe(nodes)
}

/** relativeToPm(pmToRelative(pos)) is pos, for both associations, at every position of the draft. */
function expectRoundTripEverywhere(d: Y.Doc): void {
  const index = indexOf(d)
  const failures: string[] = []
  for (let pos = 0; pos <= index.size; pos++) {
    for (const assoc of [0, -1] as const) {
      const back = relativeToPm(index, d, pmToRelative(index, pos, assoc))
      if (back !== pos) failures.push(`${pos}/${assoc}→${back}`)
    }
  }
  expect(failures).toEqual([])
}

/** An encoded relative position at a ProseMirror position of `d`. */
const encodeRelativeTo = (d: Y.Doc, pos: number) => Buffer.from(Y.encodeRelativePosition(pmToRelative(indexOf(d), pos, 0))).toString('base64')

const rangeText = (d: Y.Doc, r: { from: number; to: number } | null) => (r ? pmOf(d).textBetween(r.from, r.to) : null)

describe('position index', () => {
  it('computes the same positions as ProseMirror for the demo draft and a draft with awkward content', () => {
    expectIndexMatchesProseMirror(ydocFrom(demoDraftContent()))
    expectIndexMatchesProseMirror(ydocFrom(richDraft()))
  })

  it('converts every position to a relative position and back, in the demo and the awkward draft', () => {
    expectRoundTripEverywhere(ydocFrom(demoDraftContent()))
    expectRoundTripEverywhere(ydocFrom(richDraft()))
  })

  it('stays equal to ProseMirror through random edits made on the Yjs tree (seeded)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      console.log(`position index random edits: seed ${seed}`)
      const random = rng(seed)
      const d = ydocFrom(richDraft())
      for (let step = 0; step < 40; step++) {
        const index = indexOf(d)
        const seg = index.segments[Math.floor(random() * index.segments.length)]!
        const at = Math.floor(random() * (seg.text.length + 1))
        const r = random()
        if (r < 0.4) seg.text.insert(at, 'new words ', random() < 0.5 ? { bold: {} } : {})
        else if (r < 0.6 && seg.text.length > at) seg.text.delete(at, Math.min(4, seg.text.length - at))
        else if (r < 0.75) seg.block.insert(seg.block.length, [new Y.XmlElement(NODE.hardBreak), new Y.XmlText('after break')])
        else {
          const p = new Y.XmlElement(NODE.paragraph)
          p.insert(0, [new Y.XmlText(`Inserted paragraph ${step}`)])
          const top = fragmentOf(d)
          top.insert(Math.floor(random() * (top.length + 1)), [p])
        }
        expectIndexMatchesProseMirror(d)
      }
      expectRoundTripEverywhere(d)
    }
  })

  it('anchors a range to its words: after edits before, inside and around it, the range still holds them', () => {
    const random = rng(42)
    console.log('anchor stability: seed 42')
    const d = ydocFrom(demoDraftContent())
    for (let trial = 0; trial < 60; trial++) {
      const index = indexOf(d)
      const seg = index.segments[Math.floor(random() * index.segments.length)]!
      if (seg.text.length < 4) continue
      const a = Math.floor(random() * (seg.text.length - 2))
      const b = a + 1 + Math.floor(random() * (seg.text.length - a - 1))
      const anchor = anchorForRange(index, seg.from + a, seg.from + b)
      const words = pmOf(d).textBetween(seg.from + a, seg.from + b)
      // Edits elsewhere and at both edges: typing at an edge stays outside the comment.
      seg.text.insert(b, ' typed after')
      seg.text.insert(a, 'typed before ')
      const other = index.segments[(index.segments.indexOf(seg) + 3) % index.segments.length]!
      other.text.insert(0, 'Elsewhere. ')
      const after = indexOf(d)
      expect(rangeText(d, resolveAnchor(after, d, anchor))).toBe(words)
    }
  })
})

describe('recommendation numbering and locators', () => {
  const d = ydocFrom(demoDraftContent())
  const index = indexOf(d)
  const locatorOf = (quote: string, occurrence = 1) => {
    const r = findExact(index, quote, occurrence)
    if (!r) throw new Error(`"${quote}" is not in the draft`)
    return formatLocator(placeAt(index, r.from))
  }

  it('numbers recommendations in document order', () => {
    expect(index.recommendations).toHaveLength(10)
    const statements = index.recommendations.map((el) => {
      const statement = el.toArray()[0] as Y.XmlElement
      return plainText(statement.toArray()[0] as Y.XmlText)
    })
    expect(statements[0]).toMatch(/^Offices should move their core procedures/)
    expect(statements[2]).toMatch(/^Offices should govern their data/)
    expect(statements[9]).toMatch(/^Offices should explore emerging technologies/)
    expect(locatorOf('govern their data as a strategic asset')).toBe('Recommendation 3')
  })

  it('names actions, nested actions, headings and the preamble', () => {
    expect(locatorOf('Measure data quality with published indicators')).toBe('Recommendation 3 › Action 2')
    expect(locatorOf('Map each procedure')).toBe('Recommendation 1 › Action 1')
    expect(locatorOf('Take part in a forum of offices')).toBe('Recommendation 2 › Action 3')
    expect(locatorOf('lessons learned from large procurement')).toBe('Recommendation 2 › Action 3.2')
    expect(locatorOf('indicators of compromise')).toBe('Recommendation 6 › Action 3.1')
    expect(locatorOf('Share the results of pilots')).toBe('Recommendation 10 › Action 4')
    expect(locatorOf('This draft sets out recommendations')).toBe('Introduction')
    expect(locatorOf('Introduction')).toBe('Introduction')

    const rich = indexOf(ydocFrom(richDraft()))
    const at = (q: string) => formatLocator(placeAt(rich, findExact(rich, q)!.from))
    expect(at('Preamble with')).toBe(PREAMBLE_LOCATOR)
    expect(at('A plain bullet')).toBe('Scope') // a bullet outside recommendations is no action
    expect(at('line two')).toBe('Scope')
    expect(at('by date.')).toBe('Recommendation 1 › Action 2.2')
    expect(at('Offer APIs.')).toBe('Recommendation 3 › Action 2') // the empty recommendation 2 still counts
    expect(at('Closing words.')).toBe('Recommendations')
    // The empty recommendation: a position inside it, although it holds no text.
    const empty = rich.recommendations[1]!
    expect(formatLocator(placeAt(rich, rich.elementStart.get(empty)! + 1))).toBe('Recommendation 2')
  })

  it('renumbers when a recommendation is inserted before others', () => {
    const e = ydocFrom(demoDraftContent())
    const update = draftStateFromJson(draftDoc(recommendation('A new first recommendation.', ['Its action.'])))
    const scratch = new Y.Doc()
    Y.applyUpdate(scratch, update)
    const fresh = (fragmentOf(scratch).get(0) as Y.XmlElement).clone()
    fragmentOf(e).insert(4, [fresh])
    const after = indexOf(e)
    expect(formatLocator(placeAt(after, findExact(after, 'Its action.')!.from))).toBe('Recommendation 1 › Action 1')
    expect(formatLocator(placeAt(after, findExact(after, 'Measure data quality')!.from))).toBe('Recommendation 4 › Action 2')
  })
})

describe('parseLocator', () => {
  it.each([
    ['Recommendation 3 › Action 2', { recommendation: 3, action: [2] }],
    ['Recommendation 3 > Action 2', { recommendation: 3, action: [2] }],
    ['Rec. 3, action 2.1', { recommendation: 3, action: [2, 1] }],
    ['R3 A2', { recommendation: 3, action: [2] }],
    ['r3a2', null],
    ['Recommendation 3', { recommendation: 3, action: [] }],
    ['recommendation 10, actions 4', { recommendation: 10, action: [4] }],
    ['Recommendations 2', { recommendation: 2, action: [] }],
    ['Rec 7 - Act. 1.2.3', { recommendation: 7, action: [1, 2, 3] }],
    ['  RECOMMENDATION 12 › ACTION 1 ', { recommendation: 12, action: [1] }],
    ['General', null],
    ['Introduction', null],
    ['', null],
    ['Paragraph 4', null],
  ])('%j', (text, expected) => {
    expect(parseLocator(text)).toEqual(expected)
  })

  it('reads back every locator formatLocator writes', () => {
    for (const place of [
      { recommendation: 1, action: [], heading: null },
      { recommendation: 4, action: [2], heading: 'Recommendations' },
      { recommendation: 10, action: [3, 1], heading: null },
    ]) {
      const parsed = parseLocator(formatLocator(place))
      expect(parsed).toEqual({ recommendation: place.recommendation, action: place.action })
      expect(placeIsWithin(place, parsed!)).toBe(true)
    }
    expect(parseLocator(formatLocator({ recommendation: null, action: [], heading: null }))).toBeNull()
    expect(placeIsWithin({ recommendation: 4, action: [2, 1], heading: null }, { recommendation: 4, action: [2] })).toBe(true)
    expect(placeIsWithin({ recommendation: 4, action: [1], heading: null }, { recommendation: 4, action: [2] })).toBe(false)
    expect(placeIsWithin({ recommendation: 4, action: [], heading: null }, { recommendation: 4, action: [2] })).toBe(false)
  })
})

describe('quote search', () => {
  const d = ydocFrom(demoDraftContent())
  const index = indexOf(d)
  const pm = pmOf(d)
  const text = (r: { from: number; to: number } | null) => (r ? pm.textBetween(r.from, r.to) : null)
  const locator = (r: { from: number } | null) => (r ? formatLocator(placeAt(index, r.from)) : null)

  it('finds exact quotes, the n-th occurrence, and occurrences within a recommendation or action', () => {
    const r = findExact(index, 'legal status data')
    expect(text(r)).toBe('legal status data')
    expect(locator(r)).toBe('Recommendation 4 › Action 1')

    // "Offices should" opens every statement: the n-th occurrence is the n-th recommendation.
    expect(locator(findExact(index, 'Offices should', 1))).toBe('Recommendation 1')
    expect(locator(findExact(index, 'Offices should', 7))).toBe('Recommendation 7')
    expect(findExact(index, 'Offices should', 11)).toBeNull()
    expect(findExact(index, 'not in the draft at all')).toBeNull()
    expect(findExact(index, '')).toBeNull()

    const within = parseLocator('Recommendation 6')
    expect(locator(findExact(index, 'Offices should', 1, within))).toBe('Recommendation 6')
    expect(findExact(index, 'Offices should', 2, within)).toBeNull()
    const action = parseLocator('Rec. 2, action 3')
    expect(locator(findExact(index, 'Take part', 1, action))).toBe('Recommendation 2 › Action 3')
    // An action includes its sub-bullets; a sub-bullet does not include its parent.
    expect(locator(findExact(index, 'challenges', 1, action))).toBe('Recommendation 2 › Action 3.1')
    expect(findExact(index, 'Take part', 1, parseLocator('R2 A3.1'))).toBeNull()
  })

  it('locates a quote exactly, then ignoring case and spacing, then approximately, with a confidence', () => {
    const exact = locateQuote(index, 'end-to-end electronic processing', null)
    expect(exact).toMatchObject({ method: 'exact', confidence: 1 })
    expect(text(exact)).toBe('end-to-end electronic processing')

    const normalized = locateQuote(index, '  END-TO-END   electronic\n processing ', null)
    expect(normalized).toMatchObject({ method: 'normalized', confidence: 1 })
    expect(text(normalized)).toBe('end-to-end electronic processing')

    const fuzzy = locateQuote(index, 'adopt a writen ICT stratgy that is tied to there business goals', null)
    expect(fuzzy?.method).toBe('fuzzy')
    expect(fuzzy!.confidence).toBeGreaterThanOrEqual(MIN_FUZZY_CONFIDENCE)
    expect(fuzzy!.confidence).toBeLessThan(1)
    expect(fuzzy!.confidence).toBeCloseTo(1 - 4 / 'adopt a writen ict stratgy that is tied to there business goals'.length, 2)
    expect(text(fuzzy)).toBe('adopt a written ICT strategy that is tied to their business goals')
    expect(locator(fuzzy)).toBe('Recommendation 2')
    // A misspelt last word is matched whole, not cut where the letters stop agreeing.
    const misspeltEnd = locateQuote(index, 'exchnge data with eachother and with usres', null)
    expect(misspeltEnd?.method).toBe('fuzzy')
    expect(text(misspeltEnd)).toBe('exchange data with each other and with users')

    expect(locateQuote(index, 'a sentence that is nowhere near anything written in the draft text', null)).toBeNull()
  })

  it('prefers the stated location, and falls back to the whole draft for exact matches', () => {
    const inRec5 = locateQuote(index, 'Offices should', parseLocator('Recommendation 5'))
    expect(locator(inRec5)).toBe('Recommendation 5')
    const elsewhere = locateQuote(index, 'legal status data', parseLocator('Recommendation 9'))
    expect(elsewhere?.method).toBe('exact')
    expect(locator(elsewhere)).toBe('Recommendation 4 › Action 1')
    // A fuzzy match is sought only where the comment says it belongs.
    const fuzzyScoped = locateQuote(index, 'Test busines continuity and disaster recovery plan', parseLocator('Recommendation 5 › Action 2'))
    expect(fuzzyScoped?.method).toBe('fuzzy')
    expect(locator(fuzzyScoped)).toBe('Recommendation 5 › Action 2')
  })

  it('matches across hard breaks when spacing is ignored, and maps back to the right positions', () => {
    const rich = ydocFrom(richDraft())
    const richIndex = indexOf(rich)
    const m = locateQuote(richIndex, 'LINE ONE line two', null)
    expect(m?.method).toBe('normalized')
    const richPm = pmOf(rich)
    expect(m!.from).toBe(findExact(richIndex, 'Line one')!.from)
    expect(m!.to).toBe(findExact(richIndex, 'line two')!.to)
    expect(richPm.textBetween(m!.from, m!.to, undefined, '\n')).toBe('Line one\nline two')
    const emoji = locateQuote(richIndex, 'TWO 😀 AFTER', null)
    expect(richPm.textBetween(emoji!.from, emoji!.to)).toBe('two 😀 after')
  })

  it('maps normalized matches back correctly when lower-casing changes a character into two', () => {
    const e = ydocFrom(draftDoc(paragraph('Meeting held in İzmir on data exchange.')))
    const idx = indexOf(e)
    const m = locateQuote(idx, 'İZMIR ON DATA', null)
    expect(m?.method).toBe('normalized')
    expect(pmOf(e).textBetween(m!.from, m!.to)).toBe('İzmir on data')
  })
})

describe('anchors', () => {
  it('describes placement: general, anchored with locator, orphaned once the words are gone', () => {
    const d = ydocFrom(demoDraftContent())
    const index = indexOf(d)
    const r = findExact(index, 'Train all staff in security awareness')!
    const comment = { scope: 'text' as const, anchors: [anchorForRange(index, r.from, r.to)], locator: 'stale' }
    expect(describePlacement(index, d, comment)).toEqual({ locator: 'Recommendation 6 › Action 2', anchorState: 'anchored', range: r })
    expect(describePlacement(index, d, { ...comment, scope: 'draft' })).toMatchObject({ locator: GENERAL_LOCATOR, anchorState: 'general' })

    const rec = index.recommendations[6]!
    const whole = { scope: 'recommendation' as const, anchors: [anchorForTopLevelBlock(index, rec)], locator: '' }
    const placed = describePlacement(index, d, whole)
    expect(placed.locator).toBe('Recommendation 7')
    expect(placed.range).toEqual({ from: index.elementStart.get(rec)!, to: index.elementStart.get(rec)! + index.elementSize.get(rec)! })

    const seg = index.segments.find((s) => s.from <= r.from && r.to <= s.to)!
    seg.text.delete(r.from - seg.from, r.to - r.from)
    expect(describePlacement(indexOf(d), d, comment)).toEqual({ locator: 'stale', anchorState: 'orphaned', range: null })
  })

  it('treats anchors that are not relative positions as unresolvable instead of throwing (seeded)', () => {
    const d = ydocFrom(demoDraftContent())
    const index = indexOf(d)
    expect(decodeRelative('not base64 at all!')).toBeNull()
    expect(resolveAnchor(index, d, { start: '!!!', end: 'AAAA' })).toBeNull()
    // Anchors come from clients (selections, repairs): random bytes must never throw.
    const random = rng(7)
    console.log('garbage anchors: seed 7')
    for (let i = 0; i < 3000; i++) {
      const bytes = Array.from({ length: 1 + Math.floor(random() * 12) }, () => Math.floor(random() * 256))
      const encoded = Buffer.from(bytes).toString('base64')
      const valid = encodeRelativeTo(d, 0)
      expect(() => resolveAnchor(index, d, { start: encoded, end: valid })).not.toThrow()
      expect(() => describePlacement(index, d, { scope: 'text', anchors: [{ start: valid, end: encoded }], locator: '' })).not.toThrow()
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
      const placed = describePlacement(index, replica, { ...repaired.find((c) => c.id === 'NO-002')!, locator: '' })
      expect(placed.locator).toBe('Recommendation 10 › Action 3.2')
      const whole = describePlacement(index, replica, { ...repaired.find((c) => c.id === 'NO-003')!, locator: '' })
      expect(whole.locator).toBe('Recommendation 10')
      const untouched = describePlacement(index, replica, { ...repaired.find((c) => c.id === 'DE-001')!, locator: '' })
      expect(untouched.locator).toBe('Recommendation 2')
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
    expect(describePlacement(index, remote, { ...final.find((c) => c.id === 'NO-002')!, locator: '' }).locator).toBe(
      'Recommendation 2 › Action 3.2',
    )
  })

  it('rejects a move of something that is not a block', () => {
    const d = ydocFrom(demoDraftContent())
    expect(() => moveTopLevelBlock(fragmentOf(d), 99, 0, ORIGIN, [])).toThrow(/no block/)
    expect(() => moveTopLevelBlock(new Y.XmlFragment(), 0, 0, ORIGIN, [])).toThrow(/not part of a Y.Doc/)
  })
})
