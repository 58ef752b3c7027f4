import type { JSONContent } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { doc, heading, paragraph, recommendation } from '../../server/documents/draftJson'
import { draftStateFromJson } from '../../server/documents/draftState'
import { draftDocx } from '../../server/exports/draftDocx'
import { draftHtml } from '../../server/exports/draftHtml'
import { draftMarkdown, escapeMarkdown } from '../../server/exports/draftMarkdown'
import { type DraftModel, draftModel, draftSections, inlineText } from '../../shared/draft/draftModel'
import { CONTENT_FIELD } from '../../shared/protocol'
import { docxPart, docxTableCellXml, docxTables, paragraphs } from '../helpers/officeFiles'

const text = (value: string, ...marks: { type: string; attrs?: Record<string, unknown> }[]): JSONContent => ({ type: 'text', text: value, ...(marks.length > 0 ? { marks } : {}) })
const item = (...content: JSONContent[]): JSONContent => ({ type: 'listItem', content })

/** A draft with every kind of content, plus a javascript: link that arrived through Yjs unsanitized. */
function sampleDraft(): DraftModel {
  const json = doc(
    heading(1, 'Intro <b> & *stars*'),
    {
      type: 'paragraph',
      content: [
        text('Plain '),
        text('bold', { type: 'bold' }),
        text(' and '),
        text('italic', { type: 'italic' }),
        text(' '),
        text('WIPO', { type: 'link', attrs: { href: 'https://www.wipo.int/' } }),
        { type: 'hardBreak' },
        text('- next line * _ # [x] 1. <i>'),
      ],
    },
    { type: 'orderedList', content: [item(paragraph('first')), item(paragraph('second'), paragraph('second para'))] },
    heading(2, 'Recommendations'),
    recommendation('Statement one', ['Action A', ['Action B', ['B.1', 'B.2']]]),
    recommendation('Statement two', ['Only action']),
    paragraph('Closing <script>alert(1)</script>'),
  )
  const ydoc = new Y.Doc()
  Y.applyUpdate(ydoc, draftStateFromJson(json))
  const fragment = ydoc.getXmlFragment(CONTENT_FIELD)
  const closing = (fragment.get(fragment.length - 1) as Y.XmlElement).get(0) as Y.XmlText
  closing.insert(closing.length, ' evil', { link: { href: 'javascript:alert(1)' } })
  return draftModel(fragment)
}

describe('draftModel', () => {
  const model = sampleDraft()

  it('reads blocks in order and numbers recommendations', () => {
    expect(model.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'heading', 'recommendation', 'recommendation', 'paragraph'])
    const recs = model.blocks.filter((b) => b.kind === 'recommendation')
    expect(recs.map((r) => [r.number, inlineText(r.statement)])).toEqual([
      [1, 'Statement one'],
      [2, 'Statement two'],
    ])
    expect(draftSections(model).map((s) => s.kind)).toEqual(['heading', 'paragraph', 'list', 'heading', 'recommendations', 'paragraph'])
  })

  it('keeps bold, italic, safe links and hard breaks', () => {
    const p = model.blocks[1]!
    if (p.kind !== 'paragraph') throw new Error('expected a paragraph')
    expect(p.inlines).toEqual([
      { kind: 'text', text: 'Plain ', bold: false, italic: false, href: null },
      { kind: 'text', text: 'bold', bold: true, italic: false, href: null },
      { kind: 'text', text: ' and ', bold: false, italic: false, href: null },
      { kind: 'text', text: 'italic', bold: false, italic: true, href: null },
      { kind: 'text', text: ' ', bold: false, italic: false, href: null },
      { kind: 'text', text: 'WIPO', bold: false, italic: false, href: 'https://www.wipo.int/' },
      { kind: 'break' },
      { kind: 'text', text: '- next line * _ # [x] 1. <i>', bold: false, italic: false, href: null },
    ])
  })

  it('drops link targets that are not http, https or mailto', () => {
    const last = model.blocks[model.blocks.length - 1]!
    if (last.kind !== 'paragraph') throw new Error('expected a paragraph')
    expect(last.inlines[1]).toEqual({ kind: 'text', text: ' evil', bold: false, italic: false, href: null })
  })
})

describe('draft exports', () => {
  const model = sampleDraft()

  it('Markdown escapes special characters and lays recommendations out with their actions', () => {
    expect(draftMarkdown('Draft [v1]', model)).toBe(
      [
        '# Draft \\[v1\\]',
        '',
        '## Intro \\<b\\> \\& \\*stars\\*',
        '',
        'Plain **bold** and *italic* [WIPO](<https://www.wipo.int/>)\\',
        '\\- next line \\* \\_ \\# \\[x\\] 1. \\<i\\>',
        '',
        '1. first',
        '2. second',
        '',
        '   second para',
        '',
        '### Recommendations',
        '',
        '**Recommendation 1.** Statement one',
        '',
        '*Recommended Actions*',
        '',
        '- Action A',
        '- Action B',
        '  - B.1',
        '  - B.2',
        '',
        '**Recommendation 2.** Statement two',
        '',
        '*Recommended Actions*',
        '',
        '- Only action',
        '',
        'Closing \\<script\\>alert(1)\\</script\\> evil',
        '',
      ].join('\n'),
    )
  })

  it('Markdown escapes block syntax at the start of a line only', () => {
    expect(escapeMarkdown('1. one - two', true)).toBe('1\\. one - two')
    expect(escapeMarkdown('+ x', true)).toBe('\\+ x')
    expect(escapeMarkdown('+ x', false)).toBe('+ x')
  })

  it('HTML is a complete page that escapes everything from the draft', () => {
    const html = draftHtml('Title <script>', model)
    expect(html.startsWith('<!doctype html>\n<html lang="en" dir="ltr">')).toBe(true)
    expect(html.trimEnd().endsWith('</html>')).toBe(true)
    expect(html).toContain('<title>Title &#60;script&#62;</title>')
    expect(html).toContain("content=\"default-src 'none'; style-src 'unsafe-inline'\"")
    expect(html).not.toContain('<script')
    expect(html).not.toContain('javascript:')
    expect(html).toContain('<h2>Intro &#60;b&#62; &#38; *stars*</h2>')
    expect(html).toContain('<a href="https://www.wipo.int/" rel="noopener noreferrer">WIPO</a><br>')
    expect(html).toContain('<ol><li><p>first</p></li>')
    expect(html).toContain('<thead><tr><th>Recommendations</th><th>Recommended Actions</th></tr></thead>')
    expect(html).toContain(
      '<tr><td><p><strong>Recommendation 1</strong></p><p>Statement one</p></td><td><ul><li><p>Action A</p></li><li><p>Action B</p>\n<ul><li><p>B.1</p></li><li><p>B.2</p></li></ul></li></ul></td></tr>',
    )
    expect(html).toContain('<p>Closing &#60;script&#62;alert(1)&#60;/script&#62; evil</p>')
  })

  it('DOCX has the title, the other content, and a "Recommendations | Recommended Actions" table', async () => {
    const bytes = await draftDocx({ title: 'Draft title', date: '2025-03-14' }, model)
    const xml = await docxPart(bytes)
    const body = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '')
    expect(paragraphs(body)).toEqual([
      'Draft title',
      'Intro <b> & *stars*',
      'Plain bold and italic WIPO\n- next line * _ # [x] 1. <i>',
      'first',
      'second',
      'second para',
      'Recommendations',
      'Closing <script>alert(1)</script> evil',
    ])
    expect(xml).toMatch(/<w:pStyle w:val="Title"\/><\/w:pPr><w:r><w:t xml:space="preserve">Draft title<\/w:t>/)
    expect(docxTables(xml)).toEqual([
      [
        ['Recommendations', 'Recommended Actions'],
        ['Recommendation 1\nStatement one', 'Action A\nAction B\nB.1\nB.2'],
        ['Recommendation 2\nStatement two', 'Only action'],
      ],
    ])
    // Actions are list paragraphs: top level 0, nested bullets level 1.
    const actions = docxTableCellXml(xml, 0, 1, 1)
    expect(Array.from(actions.matchAll(/<w:ilvl w:val="(\d)"\/>/g), (m) => m[1])).toEqual(['0', '0', '1', '1'])
    // The header row repeats on every page.
    expect(docxTableCellXml(xml, 0, 0, 0)).toContain('<w:b/>')
    expect(xml).toContain('<w:tblHeader/>')
    // Only the safe link becomes a hyperlink.
    const rels = await docxPart(bytes, 'word/_rels/document.xml.rels')
    expect(rels).toContain('Target="https://www.wipo.int/"')
    expect(rels).not.toContain('javascript:')
  })
})
