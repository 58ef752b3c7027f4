import { describe, expect, it } from 'vitest'
import { delegationStatuses } from '../../client/src/dashboard/delegationStatus'
import { commentsBecomeDrafts, delegationDrafts, excerpt } from '../../client/src/delegation/delegationDrafts'
import { receiptFileName, receiptText } from '../../client/src/delegation/receiptText'
import type { Comment, Participant, PersonRef, SubmissionReceipt } from '../../shared/types'
import { formatsFor } from '../../client/src/i18n/format'
import { CLIENT_CATALOGUES } from '../../client/src/i18n/catalogues'
import { asTranslate, createTranslations } from '../../shared/i18n/translator'
import { generalComment } from '../helpers/commentFixture'

/** The browser's side of national consolidation (issue 15): what the panels and the dashboard compute. */

const kari: PersonRef = { id: 'kari', name: 'Kari Nordmann', org: 'NO' }
const ingrid: PersonRef = { id: 'ingrid', name: 'Ingrid Focal', org: 'NO' }

const comment = (id: string, fields: Partial<Comment> = {}): Comment =>
  generalComment({ id, author: kari, status: 'draft', createdAt: '2026-12-01T09:00:00Z', updatedAt: '2026-12-01T09:00:00Z', ...fields })
const onRecommendation = (n: number) => ({ scope: 'text' as const, place: { kind: 'recommendation' as const, recommendation: n, action: [] } })
const participant = (name: string, org: string, fields: Partial<Participant> = {}): Participant => ({
  id: name,
  name,
  org,
  role: 'commenter',
  createdAt: '2026-01-01T00:00:00Z',
  ...fields,
})

describe('the delegation drafts panel', () => {
  it('lists only the viewer’s delegation’s drafts, in document order and at one place oldest first', () => {
    const list = [
      comment('NO-DZZZZZZ', { ...onRecommendation(2) }),
      comment('NO-DBBBBBB', { createdAt: '2026-12-01T10:00:00Z' }),
      comment('NO-DAAAAAA', { createdAt: '2026-12-01T11:00:00Z' }),
      comment('NO-001', { status: 'open' }),
      comment('MX-DCCCCCC', { author: { id: 'luis', name: 'Luis', org: 'MX' } }),
    ]
    expect(delegationDrafts(list, 'NO').map((c) => c.id)).toEqual(['NO-DBBBBBB', 'NO-DAAAAAA', 'NO-DZZZZZZ'])
  })

  it('tells a delegate beforehand that their comment will be a draft only when their delegation shows it has a focal point', () => {
    const member = { id: 'lars', role: 'commenter' as const, org: 'NO' }
    expect(commentsBecomeDrafts([], member)).toBe(false)
    expect(commentsBecomeDrafts([comment('NO-DAAAAAA')], member)).toBe(true)
    expect(commentsBecomeDrafts([comment('NO-001', { status: 'open', submittedBy: ingrid, submittedAt: '2026-12-01T12:00:00Z' })], member)).toBe(true)
    expect(commentsBecomeDrafts([comment('NO-001', { status: 'open' })], member)).toBe(false)
    // The focal point posts publicly unless they choose otherwise; chairs and other delegations never get drafts.
    expect(commentsBecomeDrafts([comment('NO-DAAAAAA')], { ...member, focalPoint: true })).toBe(false)
    expect(commentsBecomeDrafts([comment('NO-DAAAAAA')], { ...member, role: 'chair' })).toBe(false)
    expect(commentsBecomeDrafts([comment('NO-DAAAAAA')], { ...member, org: 'MX' })).toBe(false)
  })

  it('shortens a long comment to one line', () => {
    expect(excerpt('Short\n\ntext.')).toBe('Short text.')
    const long = excerpt('word '.repeat(60))
    expect(long.length).toBeLessThanOrEqual(140)
    expect(long.endsWith('…')).toBe(true)
  })
})

describe('the submission receipt file', () => {
  const receipt: SubmissionReceipt = {
    documentId: 'doc1',
    org: 'NO',
    submittedBy: ingrid,
    submittedAt: '2026-12-01T12:00:00.000Z',
    reference: 'C.CWS 180',
    comments: [
      { draftId: 'NO-DB7K2P9', id: 'NO-002', type: 'editorial', locator: 'Recommendation 1' },
      { draftId: 'NO-D7K2P9X', id: 'NO-003', type: 'technical', locator: 'Recommendation 2 › Action 1' },
    ],
  }

  it('lists each draft with its public id, the consultation, the delegation and who submitted it when', () => {
    const t = asTranslate(createTranslations(CLIENT_CATALOGUES, 'en').getFixedT('en'))
    const text = receiptText(receipt, 'Recommendations on ICT', { t, language: 'en', ...formatsFor('en', t) })
    expect(text).toContain('Draft:         Recommendations on ICT')
    expect(text).toContain('Consultation:  C.CWS 180')
    expect(text).toContain('Delegation:    NO (Norway)')
    expect(text).toContain('Submitted by:  Ingrid Focal (NO)')
    expect(text).toContain('(2026-12-01T12:00:00.000Z)')
    const lines = text.split('\n')
    const header = lines.findIndex((l) => l.startsWith('Public id'))
    expect(lines.slice(header, header + 4)).toEqual([
      'Public id   Draft id     Type        Location',
      '---------   ----------   ---------   ---------------------------',
      'NO-002      NO-DB7K2P9   Editorial   Recommendation 1',
      'NO-003      NO-D7K2P9X   Technical   Recommendation 2 › Action 1',
    ])
  })

  it('is named after the delegation, the consultation and the day, with nothing a file system refuses', () => {
    expect(receiptFileName(receipt)).toBe('receipt-NO-C.CWS-180-2026-12-01.txt')
    expect(receiptFileName({ ...receipt, reference: null })).toBe('receipt-NO-doc1-2026-12-01.txt')
  })
})

describe('the dashboard’s delegations', () => {
  it('lists delegations with a focal point and their latest submission of the round', () => {
    const people = [
      participant('Ingrid Focal', 'NO', { id: 'ingrid', focalPoint: true }),
      participant('Kari Nordmann', 'NO'),
      participant('Hans Meyer', 'DE', { focalPoint: true }),
      participant('Old Focal', 'LT', { focalPoint: true, revokedAt: '2026-11-01T00:00:00Z' }),
      participant('Luis Romero', 'MX'),
    ]
    const submitted = (id: string, at: string, round = 2) => comment(id, { status: 'open', round, submittedBy: ingrid, submittedAt: at })
    const comments = [
      submitted('NO-001', '2026-12-01T10:00:00Z', 1),
      submitted('NO-002', '2026-12-02T10:00:00Z'),
      submitted('NO-003', '2026-12-03T10:00:00Z'),
      comment('NO-004', { status: 'open', round: 2 }),
    ]
    expect(delegationStatuses(people, comments, 2)).toEqual([
      { org: 'DE', focalPoints: ['Hans Meyer'], submitted: 0, last: null },
      { org: 'NO', focalPoints: ['Ingrid Focal'], submitted: 2, last: { at: '2026-12-03T10:00:00Z', by: ingrid } },
    ])
  })
})
