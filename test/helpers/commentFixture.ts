import type { Comment } from '../../shared/types'

/** A general comment as the API returns it, for unit tests of what the browser computes from comments. */
export const generalComment = (fields: Partial<Comment> = {}): Comment => ({
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
  status: 'open',
  replies: [],
  history: [],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  rev: 1,
  ...fields,
})
