import type { Node as PMNode } from '@tiptap/pm/model'
import { describe, expect, it } from 'vitest'
import { printNoteGroups } from '../../client/src/comments/printNotes'
import { doc, heading, paragraph, recommendation } from '../../server/documents/draftJson'
import type { Range } from '../../shared/draft/anchors'
import { draftSchema } from '../../shared/schema/extensions'
import type { Comment } from '../../shared/types'

const draft = draftSchema().nodeFromJSON(
  doc(
    heading(1, 'Introduction'),
    paragraph('Offices plan their ICT.'),
    recommendation('Offices should digitize.', ['Scan the files.', 'Index them.']),
    recommendation('Offices should share data.', ['Use standards.']),
    recommendation('Offices should train staff.', ['Plan courses.']),
  ),
)

/** Where some words are in the draft. */
function wordsAt(node: PMNode, words: string): Range {
  let found: Range | null = null
  node.descendants((child, pos) => {
    const i = child.isText ? child.text!.indexOf(words) : -1
    if (i >= 0 && !found) found = { from: pos + i, to: pos + i + words.length }
    return !found
  })
  if (!found) throw new Error(`"${words}" is not in the draft`)
  return found
}

/** The n-th recommendation as a whole node. */
function recommendationAt(n: number): Range {
  let seen = 0
  let found: Range | null = null
  draft.forEach((child, offset) => {
    if (child.type.name === 'recommendation' && ++seen === n) found = { from: offset, to: offset + child.nodeSize }
  })
  return found!
}

const comment = (id: string, fields: Partial<Comment>): Comment => ({
  id,
  documentId: 'd',
  author: { id: 'a', name: 'A', org: id.split('-')[0]! },
  type: 'technical',
  body: `Body of ${id}`,
  quote: '',
  scope: 'text',
  anchors: [],
  place: { kind: 'general' },
  locator: '',
  anchorState: 'anchored',
  status: 'open',
  replies: [],
  history: [],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  rev: 1,
  outdated: false,
  ...fields,
})

describe('the printed notes', () => {
  it('follow the block their words are in, numbered in document order; general and removed ones come last', () => {
    const comments = [
      comment('DE-001', { scope: 'draft', anchorState: 'general' }),
      comment('NO-002', {}),
      comment('NO-001', {}),
      comment('MX-001', { scope: 'recommendation' }),
      comment('LT-001', {}),
      comment('AU-001', { anchorState: 'orphaned' }),
      comment('NG-001', { status: 'resolved' }),
      comment('NG-002', { status: 'withdrawn' }),
      comment('MZ-001', { status: 'draft' }),
      comment('EPO-001', { needsAnchoring: true }),
    ]
    const placements = new Map<string, Range>([
      ['NO-002', wordsAt(draft, 'Index them')],
      ['NO-001', wordsAt(draft, 'Offices should digitize')],
      ['MX-001', recommendationAt(3)],
      ['LT-001', wordsAt(draft, 'plan their')],
      ['NG-001', wordsAt(draft, 'Use standards')],
      ['NG-002', wordsAt(draft, 'Use standards')],
      ['MZ-001', wordsAt(draft, 'Use standards')],
      ['EPO-001', wordsAt(draft, 'Plan courses')],
    ])
    const groups = printNoteGroups(draft, comments, placements)
    const shown = groups.map((g) => ({
      recommendation: g.recommendation,
      atEnd: g.atEnd,
      notes: g.notes.map((n) => `${n.number} ${n.comment.id}`),
    }))
    expect(shown).toEqual([
      { recommendation: null, atEnd: false, notes: ['1 LT-001'] },
      { recommendation: 1, atEnd: false, notes: ['2 NO-001', '3 NO-002'] },
      { recommendation: 3, atEnd: false, notes: ['4 MX-001'] },
      { recommendation: null, atEnd: true, notes: ['5 DE-001', '6 AU-001', '7 EPO-001'] },
    ])
    // Each group sits right after its block: the paragraph, the first and the third recommendation.
    expect(draft.resolve(groups[0]!.at).nodeBefore?.textContent).toBe('Offices plan their ICT.')
    expect(groups[1]!.at).toBe(recommendationAt(1).to)
    expect(groups[2]!.at).toBe(recommendationAt(3).to)
    expect(groups[3]!.at).toBe(draft.content.size)
  })

  it('a draft without open comments prints no notes', () => {
    expect(printNoteGroups(draft, [comment('NO-001', { status: 'resolved' })], new Map())).toEqual([])
  })
})
