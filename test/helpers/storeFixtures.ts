import * as Y from 'yjs'
import { type StoredNotification, notificationId } from '../../shared/notifications'
import type { DocumentMeta, Participant, StoredComment } from '../../shared/types'
import type { CommentWrite, Credential } from '../../server/store/Store'

/** Records the Store contract's tests write (test/helpers/storeContract.ts, notificationContract.ts). */

export const at = '2024-05-01T10:00:00.000Z'

export const participant = (id: string, extra: Partial<Participant> = {}): Participant => ({
  id,
  name: `Person ${id}`,
  org: 'NO',
  role: 'editor',
  createdAt: at,
  ...extra,
})

export const credential = (hash: string, participantId: string, extra: Partial<Credential> = {}): Credential => ({
  hash,
  kind: 'token',
  participantId,
  createdAt: at,
  ...extra,
})

export const meta = (id: string, title = `Draft ${id}`): DocumentMeta => ({ id, title, createdAt: at, updatedAt: at })

export const comment = (documentId: string, id: string, extra: Partial<StoredComment> = {}): StoredComment => ({
  id,
  documentId,
  author: { id: 'p1', name: 'Ola Nordmann', org: 'NO' },
  type: 'editorial',
  body: `Comment ${id}: please clarify the wording.`,
  quote: 'electronic processing',
  scope: 'text',
  anchors: [{ start: 'AAE=', end: 'AAI=' }],
  place: { kind: 'recommendation', recommendation: 1, action: [] },
  anchorState: 'anchored',
  status: 'open',
  replies: [],
  history: [{ action: 'created', by: { id: 'p1', name: 'Ola Nordmann', org: 'NO' }, at }],
  createdAt: at,
  updatedAt: at,
  rev: 1,
  ...extra,
})

/** Writes of comments that must not exist yet. */
export const created = (...comments: StoredComment[]): CommentWrite[] => comments.map((c) => ({ comment: c, expectedRev: null }))

/** A write of the next revision of `c`, made from the revision `c` has. */
export const next = (c: StoredComment, extra: Partial<StoredComment> = {}): CommentWrite => ({ comment: { ...c, ...extra, rev: c.rev + 1 }, expectedRev: c.rev })

/** A Yjs document whose text we can compare, and the updates it emits. */
export function recordingDoc(): { doc: Y.Doc; text: Y.Text; updates: Uint8Array[] } {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  return { doc, text: doc.getText('t'), updates }
}

export function rebuild(updates: readonly Uint8Array[]): string {
  const doc = new Y.Doc()
  for (const u of updates) Y.applyUpdate(doc, u)
  const s = doc.getText('t').toString()
  doc.destroy()
  return s
}

/** An e-mail outbox entry about a reply, for `recipientId`. */
export const notification = (documentId: string, eventId: string, recipientId: string, extra: Partial<StoredNotification> = {}): StoredNotification => ({
  id: notificationId(eventId, recipientId, 'email'),
  eventId,
  recipientId,
  channel: 'email',
  documentId,
  documentTitle: `Draft ${documentId}`,
  commentId: 'NO-001',
  createdAt: at,
  facts: { kind: 'reply', comment: { id: 'NO-001', type: 'editorial', place: { kind: 'general' }, quote: '', body: 'A comment' }, by: { id: 'p2', name: 'Ana', org: 'MZ' }, reply: 'A reply' },
  delivery: 'immediately',
  state: 'pending',
  attempts: 0,
  ...extra,
})
