import type { JSONContent } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import { draftModel } from '../../../shared/draft/draftModel'
import type { RedlineAttribution, RedlineAuthor } from '../../../shared/redline/model'
import { redline } from '../../../shared/redline/redline'
import { redlineHtml } from '../../../shared/redline/redlineHtml'
import { draftDocx } from '../../../server/exports/draftDocx'
import { redlineDocx } from '../../../server/exports/redlineDocx'
import { fragmentOf, ydocFrom } from '../../helpers/draftFixtures'
import { docxPart } from '../../helpers/officeFiles'
import { seededRandom, seedsToRun } from '../../helpers/random'
import { randomDraft, reviseDraft } from '../../helpers/randomDrafts'
import { demo, editStatement, moveRecommendation } from '../../helpers/redlineFixtures'
import { resolvedParagraphs, trackedAuthors, withoutTrailingEmpty } from '../../helpers/trackedChanges'

/**
 * The redline out: the Word document with tracked changes (accept all gives the later draft's export,
 * reject all the earlier one's, authors are who typed) and the HTML page.
 */

const NO: RedlineAuthor = { name: 'Bjørn Berg', org: 'NO' }
const MZ: RedlineAuthor = { name: 'Ana Silva', org: 'MZ' }
const TITLE = 'Recommendations on ICT and IP Administration'
const running = { title: `${TITLE}: changes`, date: '2025-06-01' }
const states = { from: 'Draft for comment', to: 'Revised draft' }

/** The paragraphs of a draft's own DOCX export, as text. */
async function exported(json: JSONContent): Promise<string[]> {
  const xml = await docxPart(await draftDocx({ title: TITLE, date: '2025-06-01' }, draftModel(fragmentOf(ydocFrom(json)))))
  return withoutTrailingEmpty(resolvedParagraphs(xml, 'accept'))
}

async function redlineXml(from: JSONContent, to: JSONContent, attribution?: RedlineAttribution) {
  const model = redline(from, to, attribution ? { attribution } : {})
  const bytes = await redlineDocx(TITLE, model, { running, states, changedAt: '2025-06-01T10:00:00.000Z' })
  return { model, bytes, xml: await docxPart(bytes) }
}

/** The demo revised: a paragraph deleted, Recommendation 4 moved to 2 and edited, words typed by two people, an action and a closing paragraph added. */
function revisedDemo() {
  const from = demo()
  const to = structuredClone(from)
  moveRecommendation(to, 4, 2)
  editStatement(to, 2, 'open, machine-readable', 'open and machine-readable')
  editStatement(to, 6, 'cyber threats', 'cyber attacks')
  to.content!.splice(1, 1)
  const sixth = to.content!.filter((b) => b.type === 'recommendation')[5]!
  sixth.content![1]!.content!.push({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Report incidents within 72 hours.' }] }] })
  to.content!.push({ type: 'paragraph', content: [{ type: 'text', text: 'Adopted by the Committee.' }] })
  // Ana typed the words of Recommendation 6; Bjørn everything else.
  const attribution: RedlineAttribution = { authorRuns: (block) => [{ length: 100_000, author: to.content![block] === sixth ? MZ : NO }] }
  return { from, to, attribution }
}

describe('redline as Word tracked changes', () => {
  it('accept all gives the later export, reject all the earlier one; authors are who typed', async () => {
    const { from, to, attribution } = revisedDemo()
    const { xml, bytes } = await redlineXml(from, to, attribution)
    expect(withoutTrailingEmpty(resolvedParagraphs(xml, 'accept'))).toEqual(await exported(to))
    expect(withoutTrailingEmpty(resolvedParagraphs(xml, 'reject'))).toEqual(await exported(from))
    expect(trackedAuthors(xml, 'ins')).toEqual(new Set(['Bjørn Berg (NO)', 'Ana Silva (MZ)', 'Accord']))
    expect(xml).toMatch(/<w:ins w:id="\d+" w:author="Ana Silva \(MZ\)" w:date="2025-06-01T10:00:00.000Z"><w:r><w:t xml:space="preserve">attacks<\/w:t>/)
    expect(xml).toMatch(/<w:ins w:id="\d+" w:author="Ana Silva \(MZ\)"[^>]*><w:r><w:t xml:space="preserve">Report incidents within 72 hours.<\/w:t>/)
    // The moved recommendation: a whole row deleted at its old place, inserted at its new one, with notes.
    expect(xml.match(/<w:trPr><w:ins /g)).toHaveLength(1)
    expect(xml.match(/<w:trPr><w:del /g)).toHaveLength(1)
    const comments = await docxPart(bytes, 'word/comments.xml')
    expect(comments).toContain('Moved from Recommendation 4; changed since: deleted “,”; inserted “and”')
    expect(comments).toContain('Moved to Recommendation 2')
    // Renumbered recommendations: only the number is a change.
    expect(xml).toMatch(/Recommendation <\/w:t><\/w:r><w:del [^>]*><w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:delText xml:space="preserve">2<\/w:delText>/)
  })

  it('formatting changes are tracked as formatting (w:rPrChange), not as text', async () => {
    const from = demo()
    const to = structuredClone(from)
    const rec = to.content!.find((b) => b.type === 'recommendation')!
    const statement = rec.content![0]!
    const text = statement.content![0]!.text!
    statement.content = [{ type: 'text', text: text.slice(0, 7), marks: [{ type: 'bold' }] }, { type: 'text', text: text.slice(7) }]
    const { xml, model } = await redlineXml(from, to)
    expect(model.counts).toEqual({ inserted: 0, deleted: 0, movedBlocks: 0 })
    // Before: plain (written out, as Word requires: "no proofing" off, which is the default).
    expect(xml).toMatch(
      /<w:rPr><w:b\/><w:bCs\/><w:rPrChange [^>]*w:author="Accord"[^>]*><w:rPr><w:noProof w:val="false"\/><\/w:rPr><\/w:rPrChange><\/w:rPr><w:t xml:space="preserve">Offices<\/w:t>/,
    )
    expect(resolvedParagraphs(xml, 'accept')).toEqual(resolvedParagraphs(xml, 'reject'))
  })

  // Random pairs in six languages, with moves, new and deleted blocks and actions, splits and formatting.
  it.each(seedsToRun(25))('random pair, seed %i: accept all and reject all give the two exports', async (seed) => {
    const random = seededRandom(seed)
    const ids = seed % 4 !== 0
    const from = randomDraft(random, ids)
    const { draft: to } = reviseDraft(random, from, 8, ids)
    const { xml } = await redlineXml(from, to)
    try {
      expect(withoutTrailingEmpty(resolvedParagraphs(xml, 'accept'))).toEqual(await exported(to))
      expect(withoutTrailingEmpty(resolvedParagraphs(xml, 'reject'))).toEqual(await exported(from))
    } catch (error) {
      console.error(`redline DOCX failed: replay with SEED=${seed}`)
      throw error
    }
  })
})

describe('redline as HTML', () => {
  it('a page with the summary per recommendation, <ins> and <del> with authors, moves marked at both places', () => {
    const { from, to, attribution } = revisedDemo()
    const html = redlineHtml('Recommendations <draft>', redline(from, to, { attribution }), states)
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain('<title>Recommendations &#60;draft&#62;</title>')
    expect(html).toContain('<li>Recommendation 4 moved to 2; 1 word inserted by Bjørn Berg (NO)</li>')
    expect(html).toContain('<li>Recommendation 6: 6 words inserted by Ana Silva (MZ), 1 word deleted</li>')
    expect(html).toContain('<ins title="Inserted by Ana Silva (MZ)">attacks</ins>')
    expect(html).toContain('<del title="Deleted">threats</del>')
    expect(html).toContain('<p class="moved">Moved from Recommendation 4</p>')
    expect(html).toContain('<del>Recommendation 4</del> moved to Recommendation 2')
    expect(html).toContain('Recommendation <del title="Renumbered">2</del><ins title="Renumbered">3</ins>')
    // Drawn as the draft export: one table per run of recommendations, actions as lists.
    expect(html.match(/<table class="recommendations">/g)).toHaveLength(1)
    expect(html).toContain('<li><p class="inserted"><ins title="Inserted by Ana Silva (MZ)">Report incidents within 72 hours.</ins></p></li>')
  })

  it('escapes what people typed and keeps only safe links', () => {
    const from = { type: 'doc', content: [{ type: 'paragraph', attrs: { blockId: 'p' }, content: [{ type: 'text', text: 'Plain <b>text</b>' }] }] }
    const to = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          attrs: { blockId: 'p' },
          content: [
            { type: 'text', text: 'Plain <b>text</b> ' },
            { type: 'text', text: 'bad', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
            { type: 'text', text: ' good', marks: [{ type: 'link', attrs: { href: 'https://www.wipo.int/' } }] },
          ],
        },
      ],
    }
    const html = redlineHtml('T', redline(from, to, { attribution: { authorRuns: () => [{ length: 100, author: { name: '<script>', org: 'X"' } }] } }), states)
    expect(html).toContain('Plain &#60;b&#62;text&#60;/b&#62;')
    expect(html).not.toContain('javascript:')
    expect(html).toContain('<a href="https://www.wipo.int/" rel="noopener noreferrer"> good</a>')
    expect(html).toContain('title="Inserted by &#60;script&#62; (X&#34;)"')
  })
})
