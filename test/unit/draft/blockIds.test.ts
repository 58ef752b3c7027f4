import type { JSONContent } from '@tiptap/core'
import { EditorState } from '@tiptap/pm/state'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { blockIdsPlugin } from '../../../client/src/editor/blockIds'
import { moveTopLevelBlock } from '../../../shared/draft/anchorRepairs'
import { BLOCK_ID, blocksNeedingIds, withBlockIds } from '../../../shared/schema/blockIds'
import { demoDraftContent } from '../../../server/demo/demoDraft'
import { paragraph, recommendation } from '../../../server/documents/draftJson'
import { fragmentOf, pmOf, schema, ydocFrom } from '../../helpers/draftFixtures'

/** Stable ids of top-level blocks: kept through Yjs and moves; the editor plugin's rule (renewed on splits). */

const ids = (d: Y.Doc) => fragmentOf(d).toArray().map((el) => (el as Y.XmlElement).getAttribute(BLOCK_ID))
const topIds = (doc: ReturnType<typeof pmOf>) => {
  const out: unknown[] = []
  doc.forEach((node) => out.push(node.attrs[BLOCK_ID]))
  return out
}
const distinctStrings = (values: unknown[]) => values.every((v) => typeof v === 'string' && v.length > 0) && new Set(values).size === values.length

describe('block ids', () => {
  it('the rule: missing ids are given; of blocks sharing one, the one with most text keeps it, else the first', () => {
    const block = (id: unknown, textLength: number) => ({ id, textLength: () => textLength })
    expect(blocksNeedingIds([block('a', 3), block(null, 0), block('b', 1), block('', 2)])).toEqual([1, 3])
    expect(blocksNeedingIds([block('a', 0), block('a', 10)])).toEqual([0])
    expect(blocksNeedingIds([block('a', 5), block('a', 5), block('a', 1)])).toEqual([1, 2])
  })

  it('ids given to a draft are kept through Yjs', () => {
    const json = { type: 'doc', content: withBlockIds(demoDraftContent().content!) }
    const d = ydocFrom(json)
    expect(distinctStrings(ids(d))).toBe(true)
    expect(topIds(pmOf(d))).toEqual(ids(d))
    expect(topIds(pmOf(d))).toEqual(json.content.map((b) => b.attrs?.[BLOCK_ID]))
  })

  it('blocks inside lists carry none', () => {
    const d = ydocFrom(demoDraftContent())
    let nested = 0
    pmOf(d).descendants((node, _pos, parent) => {
      if (parent?.type.name !== 'doc' && node.attrs[BLOCK_ID] !== undefined) {
        expect(node.attrs[BLOCK_ID]).toBeNull()
        nested++
      }
    })
    expect(nested).toBeGreaterThan(10)
  })

  it('moving a recommendation (delete and copy) keeps its id', () => {
    const d = ydocFrom({ type: 'doc', content: withBlockIds(demoDraftContent().content!) })
    const before = ids(d)
    const from = fragmentOf(d).toArray().findIndex((el) => (el as Y.XmlElement).nodeName === 'recommendation') + 3
    const { copy } = moveTopLevelBlock(fragmentOf(d), from, from - 2, 'test', [])
    expect(copy.getAttribute(BLOCK_ID)).toBe(before[from])
    const expected = [...before]
    expected.splice(from - 2, 0, ...expected.splice(from, 1))
    expect(ids(d)).toEqual(expected)
    expect(topIds(pmOf(d))).toEqual(expected)
  })

  it('HTML carries the id as data-block-id, both ways', () => {
    const node = schema.nodeFromJSON({ ...recommendation('S', ['A']), attrs: { [BLOCK_ID]: 'abc' } })
    const spec = node.type.spec.toDOM!(node) as [string, Record<string, string>]
    expect(spec[1]['data-block-id']).toBe('abc')
    const rule = schema.nodes.paragraph!.spec.parseDOM![0]!
    const element = { getAttribute: (name: string) => (name === 'data-block-id' ? 'xyz' : null) } as unknown as HTMLElement
    expect((rule.getAttrs!(element) as Record<string, unknown>)[BLOCK_ID]).toBe('xyz')
  })
})

describe('the editor plugin', () => {
  const stateOf = (editable: boolean, json: JSONContent = { type: 'doc', content: withBlockIds(demoDraftContent().content!) }) => EditorState.create({ doc: schema.nodeFromJSON(json), plugins: [blockIdsPlugin(() => editable)] })

  it('Enter at the start of a paragraph: the words keep the id, the new empty block gets a fresh one', () => {
    const state = stateOf(true)
    const id = state.doc.child(1).attrs[BLOCK_ID]
    const after = state.apply(state.tr.split(state.doc.child(0).nodeSize + 1))
    expect(after.doc.child(1).textContent).toBe('')
    expect(after.doc.child(2).attrs[BLOCK_ID]).toBe(id)
    expect(distinctStrings(topIds(after.doc))).toBe(true)
  })

  it('Enter at the end: the first half keeps it; a draft made before ids gets them on its first change', () => {
    const state = stateOf(true)
    const first = state.doc.child(1)
    const end = state.doc.child(0).nodeSize + first.nodeSize - 1
    const after = state.apply(state.tr.split(end))
    expect(after.doc.child(1).attrs[BLOCK_ID]).toBe(first.attrs[BLOCK_ID])
    expect(distinctStrings(topIds(after.doc))).toBe(true)

    const old = demoDraftContent()
    old.content = old.content!.map(({ attrs: _attrs, ...rest }) => rest)
    const legacy = stateOf(true, old)
    expect(topIds(legacy.doc).every((v) => v === null || v === undefined)).toBe(true)
    const typed = legacy.apply(legacy.tr.insertText('x', 2))
    expect(distinctStrings(topIds(typed.doc))).toBe(true)
  })

  it('read-only editors give none', () => {
    const old = { type: 'doc', content: [paragraph('one'), paragraph('two')] }
    const state = stateOf(false, old)
    const after = state.apply(state.tr.insertText('x', 2))
    expect(topIds(after.doc)).toEqual([null, null])
  })
})
