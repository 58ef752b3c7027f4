import { describe, expect, it } from 'vitest'
import type { PersonRef, StoredComment } from '../../shared/types'
import { commentEvents } from '../../server/notifications/commentEvents'

const at = '2026-12-01T09:00:00.000Z'
const kari: PersonRef = { id: 'kari', name: 'Kari Nordmann', org: 'NO' }
const ana: PersonRef = { id: 'ana', name: 'Ana Silva', org: 'MZ' }
const chair: PersonRef = { id: 'chair', name: 'Claire Chair', org: 'WIPO' }

const comment = (extra: Partial<StoredComment> = {}): StoredComment => ({
  id: 'NO-001',
  documentId: 'd1',
  author: kari,
  type: 'general',
  body: 'A comment.',
  quote: '',
  scope: 'draft',
  anchors: [],
  place: { kind: 'general' },
  anchorState: 'general',
  status: 'open',
  replies: [],
  history: [{ action: 'created', by: kari, at }],
  createdAt: at,
  updatedAt: at,
  rev: 1,
  ...extra,
})
const change = (written: StoredComment[], before: StoredComment[] = []) => ({ documentId: 'd1', written, before: new Map(before.map((c) => [c.id, c])), removed: [] })

describe('the events a comment change means', () => {
  it('a new comment: chairs are told, mentions looked for, the author gets a receipt', () => {
    const events = commentEvents(change([comment()]))
    expect(events.map((e) => [e.facts.kind, e.eventId, e.audience])).toEqual([
      ['newComment', 'new:d1:NO-001', { role: 'chair' }],
      ['mention', 'mention:d1:NO-001', { mentionedIn: 'A comment.' }],
      ['receipt', 'receipt:d1:NO-001', { ids: ['kari'] }],
    ])
  })

  it('rows of an imported table tell nobody', () => {
    const imported = comment({ history: [{ action: 'created', by: kari, at, detail: 'imported' }] })
    expect(commentEvents(change([imported, { ...imported, id: 'NO-002' }]))).toEqual([])
  })

  it('a reply goes to the authors and earlier repliers, once per reply, the replier excluded by actorId', () => {
    const before = comment({ coAuthors: [{ id: 'nils', name: 'Nils', org: 'NO' }], replies: [{ id: 'r1', author: chair, body: 'First.', createdAt: at }], rev: 2 })
    const after = { ...before, replies: [...before.replies, { id: 'r2', author: ana, body: 'Second.', createdAt: at }], rev: 3 }
    const [reply, mention] = commentEvents(change([after], [before]))
    expect(reply).toMatchObject({ eventId: 'reply:d1:NO-001:r2', audience: { ids: ['kari', 'nils', 'chair'] }, actorId: 'ana' })
    expect(mention).toMatchObject({ eventId: 'mention:d1:NO-001:r2', audience: { mentionedIn: 'Second.' } })
  })

  it('the same change gives the same events (ids are idempotency keys); an edit that decides nothing gives none', () => {
    const before = comment()
    const decided = comment({ status: 'resolved', resolution: { disposition: 'noted', note: '', by: chair, at }, rev: 2 })
    expect(commentEvents(change([decided], [before]))).toEqual(commentEvents(change([decided], [before])))
    expect(commentEvents(change([decided], [before]))[0]).toMatchObject({ eventId: 'decision:d1:NO-001:2', audience: { ids: ['kari'] } })
    expect(commentEvents(change([{ ...before, body: 'Edited.', rev: 2 }], [before]))).toEqual([])
  })
})
