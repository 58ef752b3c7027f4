import { describe, expect, it } from 'vitest'
import { applyRedline, sideOf } from '../../../shared/redline/applyRedline'
import type { RedlineAuthor } from '../../../shared/redline/model'
import { redline } from '../../../shared/redline/redline'
import { draftBlocks } from '../../../shared/redline/textblocks'
import { recommendation } from '../../../server/documents/draftJson'
import { richDraft } from '../../helpers/draftFixtures'
import { SENTENCES } from '../../helpers/randomDrafts'
import { demo, editStatement, moveRecommendation, paragraphDraft, recommendationIndexes, text, withoutIds } from '../../helpers/redlineFixtures'

const NO: RedlineAuthor = { name: 'Bjørn Berg', org: 'NO' }
const MZ: RedlineAuthor = { name: 'Ana Silva', org: 'MZ' }

const changed = (model: ReturnType<typeof redline>) => model.blocks.filter((b) => b.status !== 'unchanged')

describe('redline', () => {
  it('the demo draft with one word changed: one block modified, one word out, one in', () => {
    const from = demo()
    const to = structuredClone(from)
    editStatement(to, 3, 'strategic asset', 'critical asset')
    const model = redline(from, to)
    expect(changed(model)).toHaveLength(1)
    const [block] = changed(model)
    expect(block).toMatchObject({ kind: 'recommendation', number: 3, status: 'modified' })
    expect(block!.fromNumber).toBeUndefined()
    expect(block!.changes).toEqual([
      { type: 'delete', text: 'strategic' },
      { type: 'insert', text: 'critical' },
    ])
    expect(block!.paragraphs[0]!.segments.map((s) => [s.type, s.text])).toEqual([
      ['same', 'Offices should govern their data as a '],
      ['delete', 'strategic'],
      ['insert', 'critical'],
      ['same', ' asset, with defined owners, quality rules and retention periods.'],
    ])
    expect(model.counts).toEqual({ inserted: 1, deleted: 1, movedBlocks: 0 })
    expect(model.blocks.map((b) => b.toIndex)).toEqual(from.content!.map((_, i) => i))
  })

  for (const ids of [true, false]) {
    it(`a recommendation moved from 4 to 2 with an edit inside: moved (4 → 2), its edit shown, 2 and 3 only renumbered${ids ? '' : ' (no ids)'}`, () => {
      const from = ids ? demo() : withoutIds(demo())
      const to = structuredClone(from)
      moveRecommendation(to, 4, 2)
      editStatement(to, 2, 'open, machine-readable', 'open and machine-readable')
      const model = redline(from, to)
      const recs = model.blocks.filter((b) => b.kind === 'recommendation')
      expect(recs.map((b) => [b.number, b.fromNumber, b.status])).toEqual([
        [1, undefined, 'unchanged'],
        [2, 4, 'moved'],
        [3, 2, 'unchanged'],
        [4, 3, 'unchanged'],
        ...Array.from({ length: 6 }, (_, i) => [i + 5, undefined, 'unchanged']),
      ])
      // The space between the comma and the new word joins them into one replacement.
      expect(recs[1]!.changes).toEqual([
        { type: 'delete', text: ',' },
        { type: 'insert', text: ' and' },
      ])
      expect(model.counts).toEqual({ inserted: 1, deleted: 0, movedBlocks: 1 })
    })
  }

  it('a recommendation inserted at the top: new, the others renumbered and unchanged', () => {
    const from = demo()
    const to = structuredClone(from)
    const fresh = recommendation('Offices should publish their ICT strategy.', ['Publish it on the web site.'])
    to.content!.splice(recommendationIndexes(to)[0]!, 0, fresh)
    const model = redline(from, to)
    const recs = model.blocks.filter((b) => b.kind === 'recommendation')
    expect(recs[0]).toMatchObject({ number: 1, status: 'new', changes: [{ type: 'insert', text: 'Offices should publish their ICT strategy.' }, { type: 'insert', text: 'Publish it on the web site.' }] })
    expect(recs.slice(1).map((b) => [b.number, b.fromNumber, b.status, b.changes.length])).toEqual(Array.from({ length: 10 }, (_, i) => [i + 2, i + 1, 'unchanged', 0]))
    expect(model.counts).toEqual({ inserted: 6 + 6, deleted: 0, movedBlocks: 0 })
  })

  it('a formatting-only change is a format change, with the marks before', () => {
    const from = paragraphDraft(text('Offices should exchange data in '), text('open formats', { type: 'link', attrs: { href: 'https://a.example/' } }), text('.'))
    const to = paragraphDraft(
      text('Offices should '),
      text('exchange', { type: 'bold' }),
      text(' data in '),
      text('open formats', { type: 'link', attrs: { href: 'https://b.example/' } }),
      text('.'),
    )
    const model = redline(from, to)
    expect(model.blocks[0]!.status).toBe('modified')
    expect(model.blocks[0]!.changes).toEqual([
      { type: 'format', text: 'exchange' },
      { type: 'format', text: 'open formats' },
    ])
    expect(model.blocks[0]!.paragraphs[0]!.segments).toEqual([
      { type: 'same', text: 'Offices should ', marks: [] },
      { type: 'same', text: 'exchange', marks: ['bold'], marksBefore: [] },
      { type: 'same', text: ' data in ', marks: [] },
      { type: 'same', text: 'open formats', marks: ['link:https://b.example/'], marksBefore: ['link:https://a.example/'] },
      { type: 'same', text: '.', marks: [] },
    ])
    expect(model.counts).toEqual({ inserted: 0, deleted: 0, movedBlocks: 0 })
  })

  it('Chinese edited mid-sentence: whole words inserted, not characters scattered', () => {
    const before = SENTENCES.zh[0]
    const after = before.replace('核心程序', '所有核心程序').replace('电子处理', '完全电子处理')
    const model = redline(paragraphDraft(text(before)), paragraphDraft(text(after)))
    expect(model.blocks[0]!.paragraphs[0]!.segments.map((s) => [s.type, s.text])).toEqual([
      ['same', '各局应将其'],
      ['insert', '所有'],
      ['same', '核心程序转为从申请到公布和续展的端到端'],
      ['insert', '完全'],
      ['same', '电子处理。'],
    ])
    expect(model.counts).toEqual({ inserted: 2, deleted: 0, movedBlocks: 0 })
  })

  it('Arabic and Russian edited mid-sentence: whole words replaced', () => {
    const ar = SENTENCES.ar[2]
    const arModel = redline(paragraphDraft(text(ar)), paragraphDraft(text(ar.replace('تتبادل', 'تنشر').replace('البيانات', 'البيانات الرقمية'))))
    expect(arModel.blocks[0]!.changes).toEqual([
      { type: 'delete', text: 'تتبادل' },
      { type: 'insert', text: 'تنشر' },
      { type: 'insert', text: ' الرقمية' },
    ])
    const ru = SENTENCES.ru[2]
    const ruModel = redline(paragraphDraft(text(ru)), paragraphDraft(text(ru.replace('информационные системы', 'данные'))))
    expect(ruModel.blocks[0]!.changes).toEqual([
      { type: 'delete', text: 'информационные системы' },
      { type: 'insert', text: 'данные' },
    ])
    expect(ruModel.counts).toEqual({ inserted: 1, deleted: 2, movedBlocks: 0 })
  })

  it('changes separated only by spaces read as one replacement', () => {
    const model = redline(paragraphDraft(text('Offices should adopt a written ICT strategy.')), paragraphDraft(text('Offices should prepare an agreed digital strategy.')))
    expect(model.blocks[0]!.changes).toEqual([
      { type: 'delete', text: 'adopt a written ICT' },
      { type: 'insert', text: 'prepare an agreed digital' },
    ])
  })

  it('attribution splits one insertion between the two people who typed it', () => {
    const from = paragraphDraft(text('Offices should share data.'))
    const to = paragraphDraft(text('Offices should share data with other offices and users.'))
    const start = 'Offices should share data'.length
    const attribution = {
      authorRuns: (block: number, paragraph: number) =>
        block === 0 && paragraph === 0 ? [{ length: start }, { length: ' with other offices'.length, author: NO }, { length: ' and users'.length, author: MZ }, { length: 1 }] : undefined,
    }
    const model = redline(from, to, { attribution })
    expect(model.blocks[0]!.changes).toEqual([
      { type: 'insert', text: ' with other offices', author: NO },
      { type: 'insert', text: ' and users', author: MZ },
    ])
    expect(model.blocks[0]!.paragraphs[0]!.segments.filter((s) => s.type === 'insert').map((s) => s.author)).toEqual([NO, MZ])
  })

  it('a deleted block stands where it stood; a new one after it', () => {
    const from = { type: 'doc', content: [paragraphDraft(text('One.')).content![0]!, paragraphDraft(text('Two old.')).content![0]!, paragraphDraft(text('Three.')).content![0]!] }
    const to = { type: 'doc', content: [from.content[0]!, paragraphDraft(text('Brand new words here.')).content![0]!, from.content[2]!] }
    const model = redline(from, to)
    expect(model.blocks.map((b) => [b.status, b.fromIndex, b.toIndex])).toEqual([
      ['unchanged', 0, 0],
      ['deleted', 1, undefined],
      ['new', undefined, 1],
      ['unchanged', 2, 2],
    ])
  })

  it('Enter at the start of a paragraph (the id stays with its words): an empty paragraph is new, the words unchanged', () => {
    const from = demo()
    const to = structuredClone(from)
    to.content!.splice(1, 0, { type: 'paragraph', attrs: { blockId: 'fresh' } })
    const model = redline(from, to)
    expect(changed(model).map((b) => [b.kind, b.status, b.toIndex])).toEqual([['paragraph', 'new', 1]])
    expect(model.counts).toEqual({ inserted: 0, deleted: 0, movedBlocks: 0 })
  })

  it('reads drafts as textblocks: roles, list paths, marks, hard breaks as "\\n"', () => {
    const blocks = draftBlocks(richDraft())
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'paragraph', 'heading', 'paragraph', 'bulletList', 'heading', 'recommendation', 'recommendation', 'recommendation', 'paragraph'])
    expect(blocks[0]!.textblocks[0]!.runs).toEqual([
      { text: 'Preamble with ', marks: [] },
      { text: 'bold', marks: ['bold'] },
      { text: ' and ', marks: [] },
      { text: 'italic link', marks: ['italic', 'link:https://www.wipo.int'] },
      { text: '.', marks: [] },
    ])
    expect(blocks[3]!.textblocks[0]!.text).toBe('Line one\nline two 😀 after emoji\n')
    expect(blocks[6]!.textblocks.map((t) => [t.role, t.path, t.text])).toEqual([
      ['statement', undefined, 'Offices should digitize.'],
      ['action', [1], 'Scan the files.'],
      ['action', [2], 'Index them:'],
      ['action', [2, 1], 'by number;'],
      ['action', [2, 2], 'by date.'],
      ['action', [3], 'Publish them.'],
    ])
    expect(blocks[2]!.textblocks[0]).toMatchObject({ role: 'heading', level: 1, text: 'Scope' })
    const model = redline(richDraft(), richDraft())
    expect(applyRedline(model, 'to')).toEqual(sideOf(blocks))
  })
})
