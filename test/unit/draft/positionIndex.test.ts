import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { NODE } from '../../../shared/schema/names'
import { anchorForRange, resolveAnchor } from '../../../shared/draft/anchors'
import { plainText, pmToRelative, relativeToPm } from '../../../shared/draft/positionIndex'
import { demoDraftContent } from '../../../server/demo/demoDraft'
import { fragmentOf, indexOf, pmOf, rangeText, richDraft, ydocFrom } from '../../helpers/draftFixtures'
import { seededRandom } from '../../helpers/random'

/** The index from Yjs items to ProseMirror positions, checked against ProseMirror itself. */

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
      const random = seededRandom(seed).next
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
    const random = seededRandom(42).next
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
