import { Decoration, DecorationSet, type DecorationSource } from '@tiptap/pm/view'
import { describe, expect, it } from 'vitest'
import { installFastDecorationLookup } from '../../client/src/editor/fastDecorationLookup'
import { draftSchema } from '../../shared/schema/extensions'
import { grownDemoContent } from '../bench/lib/drafts'
import { seededRandom } from '../helpers/random'

/**
 * The binary-search `forChild` gives exactly what ProseMirror's own gives, for every top-level child of a
 * long draft, with random inline (some spanning blocks), node and widget decorations.
 */
const schema = draftSchema()
const doc = schema.nodeFromJSON(grownDemoContent(20).content)
/** Every decoration of a set or group (forChild may answer a group), as text, sorted. */
function describeSet(source: DecorationSource): string[] {
  const out: string[] = []
  ;(source as unknown as { forEachSet(f: (s: DecorationSet) => void): void }).forEachSet((s) =>
    out.push(...s.find().map((d) => `${d.from}-${d.to}:${(d.spec as { id?: string }).id}`)),
  )
  return out.sort()
}

describe('fast decoration lookup', () => {
  const original = DecorationSet.prototype.forChild
  installFastDecorationLookup()
  const fast = DecorationSet.prototype.forChild

  it.each([1, 2, 3, 4, 5])('matches ProseMirror for every block (seed %i)', (seed) => {
    const rnd = seededRandom(seed)
    const size = doc.content.size
    const decorations: Decoration[] = []
    for (let i = 0; i < 400; i++) {
      const from = rnd.int(1, size - 2)
      const kind = rnd.int(0, 9)
      if (kind < 6) decorations.push(Decoration.inline(from, Math.min(size - 1, from + rnd.int(1, kind === 0 ? 3000 : 40)), { class: 'c' }, { id: `i${i}` }))
      else if (kind < 8) decorations.push(Decoration.widget(from, () => ({}) as HTMLElement, { id: `w${i}` }))
      else {
        let pos = 0
        const target = rnd.int(0, doc.childCount - 1)
        doc.forEach((_child, offset, index) => {
          if (index === target) pos = offset
        })
        decorations.push(Decoration.node(pos, pos + doc.child(target).nodeSize, { class: 'n' }, { id: `n${i}` }))
      }
    }
    const set = DecorationSet.create(doc, decorations)
    let checked = 0
    doc.forEach((child, offset) => {
      expect(describeSet(fast.call(set, offset, child))).toEqual(describeSet(original.call(set, offset, child)))
      checked++
    })
    expect(checked).toBe(doc.childCount)
  })
})
