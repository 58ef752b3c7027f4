import type { Node as PmNode } from '@tiptap/pm/model'
import { ReplaceStep, Transform } from '@tiptap/pm/transform'
import { describe, expect, it } from 'vitest'
import { minimalReplacement } from '../../client/src/editor/minimalRemoteSteps'
import { draftSchema } from '../../shared/schema/extensions'
import { demoDraftContent } from '../../server/demo/demoDraft'
import { seededRandom, seedsToRun, type Random } from '../helpers/random'
import { applyRandomEdit, textPositions } from '../helpers/randomEdits'

/**
 * Remote Yjs changes reach ProseMirror as "replace the whole document by this content"; the binding
 * patch turns that into the smallest step. It must give exactly the new document, and touch only
 * the part that changed, so that positions (highlights, selections) map through it.
 */
const schema = draftSchema()
const demo = schema.nodeFromJSON(demoDraftContent())

/** One random edit of `doc`: the document after it, and which kind it was. */
function randomEdit(doc: PmNode, random: Random): { after: PmNode; kind: string } {
  const t = new Transform(doc)
  const kind = applyRandomEdit(t, random)
  return { after: t.doc, kind }
}

/** What the binding hands over: freshly built nodes, equal to but not the same objects as before. */
const rebuilt = (doc: PmNode) => schema.nodeFromJSON(doc.toJSON())

describe('minimal steps for remote changes', () => {
  it('typing one character becomes one insertion of that character', () => {
    const at = textPositions(demo)[200]!
    const after = new Transform(demo).insert(at, schema.text('x')).doc
    const t = minimalReplacement(demo, rebuilt(after).content)!
    expect(t.doc.eq(after)).toBe(true)
    expect(t.steps).toHaveLength(1)
    const step = t.steps[0] as ReplaceStep
    expect([step.from, step.to, step.slice.content.size]).toEqual([at, at, 1])
  })

  it('a repeated letter ("aa" → "aaa") still yields the exact document', () => {
    const doc = schema.nodeFromJSON({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'baab' }] }] })
    const after = new Transform(doc).insert(3, schema.text('a')).doc
    const t = minimalReplacement(doc, rebuilt(after).content)!
    expect(t.doc.eq(after)).toBe(true)
    expect(t.doc.textContent).toBe('baaab')
  })

  it('no change gives no step', () => {
    expect(minimalReplacement(demo, rebuilt(demo).content)!.steps).toHaveLength(0)
  })

  it.each(seedsToRun(5))('seed %i: 300 random edits, each gives exactly the new document and leaves the rest in place', (seed) => {
    const random = seededRandom(seed)
    let doc = demo
    const kinds = new Map<string, number>()
    let largest = 0
    let wholeDocument = 0
    for (let i = 0; i < 300; i++) {
      const { after, kind } = randomEdit(doc, random)
      const t = minimalReplacement(doc, rebuilt(after).content)
      expect(t, `seed ${seed}, edit ${i} (${kind})`).not.toBeNull()
      expect(t!.doc.eq(after), `seed ${seed}, edit ${i} (${kind})`).toBe(true)
      // Edits inside the text keep every position before the first changed character where it was;
      // block moves and deletions may be replaced block-wise, positions before those blocks stay.
      const first = doc.content.findDiffStart(after.content)
      const inText = kind === 'type' || kind === 'delete' || kind === 'split' || kind === 'pasteRecommendation'
      if (inText && first !== null && first > 0) expect(t!.mapping.map(first - 1), `seed ${seed}, edit ${i} (${kind})`).toBe(first - 1)
      for (const s of t!.steps) {
        if (!(s instanceof ReplaceStep)) continue
        largest = Math.max(largest, s.to - s.from)
        // (Moving the first block to the end does change everything in between.)
        if (inText && s.from === 0 && s.to === doc.content.size) wholeDocument++
      }
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1)
      doc = after
    }
    console.log(
      `minimal steps seed ${seed}: ${JSON.stringify(Object.fromEntries(kinds))}; largest replaced range ${largest} of ${doc.content.size}; whole-document replacements for edits in the text ${wholeDocument}`,
    )
    expect(wholeDocument).toBe(0)
  })
})
