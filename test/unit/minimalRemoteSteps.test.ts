import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Node as PmNode } from '@tiptap/pm/model'
import { EditorState } from '@tiptap/pm/state'
import { ReplaceStep, Transform } from '@tiptap/pm/transform'
import { ProsemirrorBinding, ySyncPlugin, ySyncPluginKey } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { minimalReplacement, PATCHED_Y_TIPTAP_VERSION, patchTargetProblems } from '../../client/src/editor/minimalRemoteSteps'
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

/**
 * The patch reaches into private members of `@tiptap/y-tiptap`. In the browser a changed binding only
 * costs speed (the patch steps aside with a warning); here an upgrade fails until someone has read the
 * new release's ProsemirrorBinding, run the browser test "moves, undo and typing from two windows", and
 * bumped PATCHED_Y_TIPTAP_VERSION.
 */
describe('the y-tiptap internals the patch reaches into', () => {
  const require = createRequire(import.meta.url)
  const entry = require.resolve('@tiptap/y-tiptap')

  it(`the installed @tiptap/y-tiptap is ${PATCHED_Y_TIPTAP_VERSION}`, () => {
    // Its package.json is not exported: read it beside the resolved entry (dist/…).
    const manifest = JSON.parse(readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { name: string; version: string }
    expect(manifest.name).toBe('@tiptap/y-tiptap')
    expect(manifest.version, 'y-tiptap was upgraded: re-check the patch in client/src/editor/minimalRemoteSteps.ts').toBe(PATCHED_Y_TIPTAP_VERSION)
  })

  it('the Collaboration extension uses the copy the patch changes', () => {
    const fromCollaboration = createRequire(require.resolve('@tiptap/extension-collaboration')).resolve('@tiptap/y-tiptap')
    expect(fromCollaboration).toBe(entry)
  })

  it('the patched members are on ProsemirrorBinding.prototype', () => {
    expect(patchTargetProblems()).toEqual([])
  })

  it('names each missing member (the check itself can fail)', () => {
    const proto = ProsemirrorBinding.prototype
    const saved = (['_typeChanged', '_tr'] as const).map((key) => [key, Object.getOwnPropertyDescriptor(proto, key)!] as const)
    try {
      for (const [key] of saved) Object.defineProperty(proto, key, { configurable: true, value: undefined })
      expect(patchTargetProblems()).toEqual([
        'ProsemirrorBinding.prototype._typeChanged is not a function',
        'ProsemirrorBinding.prototype has no _tr getter',
      ])
    } finally {
      for (const [key, descriptor] of saved) Object.defineProperty(proto, key, descriptor)
    }
    expect(patchTargetProblems()).toEqual([])
  })

  it('a binding made as the Collaboration extension makes it keeps its node cache in a Map', () => {
    const doc = new Y.Doc()
    const state = EditorState.create({ schema, plugins: [ySyncPlugin(doc.getXmlFragment('content'), {})] })
    const { binding } = ySyncPluginKey.getState(state) as { binding: { mapping: unknown } }
    expect(binding.mapping).toBeInstanceOf(Map)
    doc.destroy()
  })
})
