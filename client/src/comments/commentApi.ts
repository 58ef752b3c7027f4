import type { Anchor, Comment, CommentType, Disposition } from '../../../shared/types'
import type { ApplyInput, QuoteAnchor } from '../../../shared/validation'
import { api } from '../api/http'

const base = (documentId: string) => `/documents/${documentId}/comments`

/** REST calls for comments; each returns the updated comment (the push to other clients is the server's). */
export const commentApi = {
  create: (
    documentId: string,
    input: {
      type: CommentType
      body: string
      proposedChange?: string
      range?: Anchor & { quote: string }
      /** Words the server finds in the current text, instead of a selected range. */
      anchor?: QuoteAnchor
      recommendation?: number
    },
  ) => api<Comment>(base(documentId), { method: 'POST', body: input }),
  edit: (documentId: string, id: string, patch: { type?: CommentType; body?: string; proposedChange?: string }) =>
    api<Comment>(`${base(documentId)}/${id}`, { method: 'PATCH', body: patch }),
  withdraw: (documentId: string, id: string) => api<Comment>(`${base(documentId)}/${id}`, { method: 'DELETE' }),
  reply: (documentId: string, id: string, body: string) =>
    api<Comment>(`${base(documentId)}/${id}/replies`, { method: 'POST', body: { body } }),
  resolve: (documentId: string, id: string, disposition: Disposition, note: string) =>
    api<Comment>(`${base(documentId)}/${id}/resolve`, { method: 'POST', body: { disposition, note } }),
  reopen: (documentId: string, id: string) => api<Comment>(`${base(documentId)}/${id}/reopen`, { method: 'POST' }),
  reanchor: (documentId: string, id: string, range: Anchor & { quote: string }) =>
    api<Comment>(`${base(documentId)}/${id}/anchor`, { method: 'POST', body: { range } }),
  apply: (documentId: string, id: string, input: ApplyInput = {}) => api<Comment>(`${base(documentId)}/${id}/apply`, { method: 'POST', body: input }),
  revert: (documentId: string, id: string, input: ApplyInput = {}) => api<Comment>(`${base(documentId)}/${id}/revert`, { method: 'POST', body: input }),
}
