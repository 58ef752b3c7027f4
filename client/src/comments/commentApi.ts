import type { Anchor, Comment, CommentType, Disposition, Stance, SubmissionReceipt } from '../../../shared/types'
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
      /** A focal point keeps it as a draft of the delegation instead of submitting it at once. */
      saveAsDraft?: boolean
    },
  ) => api<Comment>(base(documentId), { method: 'POST', body: input }),
  edit: (documentId: string, id: string, patch: { type?: CommentType; body?: string; proposedChange?: string }) =>
    api<Comment>(`${base(documentId)}/${id}`, { method: 'PATCH', body: patch }),
  /** Withdraws a comment (kept in the record); a delegation's draft is discarded instead (`discarded: true`). */
  withdraw: (documentId: string, id: string) =>
    api<Comment | { id: string; discarded: true }>(`${base(documentId)}/${id}`, { method: 'DELETE' }),
  reply: (documentId: string, id: string, body: string) =>
    api<Comment>(`${base(documentId)}/${id}/replies`, { method: 'POST', body: { body } }),
  resolve: (documentId: string, id: string, disposition: Disposition, note: string) =>
    api<Comment>(`${base(documentId)}/${id}/resolve`, { method: 'POST', body: { disposition, note } }),
  reopen: (documentId: string, id: string) => api<Comment>(`${base(documentId)}/${id}/reopen`, { method: 'POST' }),
  reanchor: (documentId: string, id: string, range: Anchor & { quote: string }) =>
    api<Comment>(`${base(documentId)}/${id}/anchor`, { method: 'POST', body: { range } }),
  apply: (documentId: string, id: string, input: ApplyInput = {}) => api<Comment>(`${base(documentId)}/${id}/apply`, { method: 'POST', body: input }),
  /** National consolidation: support or oppose a draft of one's delegation (null takes it back). */
  stance: (documentId: string, id: string, stance: Stance | null) =>
    api<Comment>(`${base(documentId)}/${id}/stance`, { method: 'POST', body: { stance } }),
  /** A focal point submits drafts of their delegation; they come back with their public ids. */
  submit: (documentId: string, ids: readonly string[]) =>
    api<SubmissionReceipt>(`${base(documentId)}/submit`, { method: 'POST', body: { ids } }),
  /** A focal point merges draft `from` into draft `id` (the wording joined unless `body` is given). */
  merge: (documentId: string, id: string, input: { from: string; body?: string }) =>
    api<Comment>(`${base(documentId)}/${id}/merge`, { method: 'POST', body: input }),
  revert: (documentId: string, id: string, input: ApplyInput = {}) => api<Comment>(`${base(documentId)}/${id}/revert`, { method: 'POST', body: input }),
}
