import { describe, expect, it } from 'vitest'
import { CommentsStore } from '../../client/src/comments/CommentsStore'
import type { Comment } from '../../shared/types'

const comment = (rev: number, status: Comment['status']): Comment => ({
  id: 'NO-001',
  documentId: 'd',
  author: { id: 'a', name: 'A', org: 'NO' },
  type: 'general',
  body: 'b',
  quote: '',
  scope: 'draft',
  anchors: [],
  place: { kind: 'general' },
  locator: 'General',
  outdated: false,
  anchorState: 'general',
  status,
  replies: [],
  history: [],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  rev,
})

describe('the browser comment store', () => {
  it('never lets an older copy bring a resolved comment back to open', () => {
    const store = new CommentsStore()
    let notified = 0
    store.subscribe(() => notified++)
    store.apply({ kind: 'upsert', comments: [comment(3, 'resolved')] })
    // A snapshot that was computed before the resolution arrives late.
    store.apply({ kind: 'snapshot', comments: [comment(2, 'open')] })
    store.upsert(comment(1, 'open'))
    expect(store.get('NO-001')?.status).toBe('resolved')
    expect(store.loaded).toBe(true)
    store.upsert(comment(4, 'open'))
    expect(store.get('NO-001')?.status).toBe('open')
    expect(notified).toBe(3)
  })
})
