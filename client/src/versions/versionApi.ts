import type { JSONContent } from '@tiptap/core'
import type { Redline } from '../../../shared/redline/model'
import type { Version } from '../../../shared/types'
import { api } from '../api/http'

const base = (documentId: string) => `/documents/${encodeURIComponent(documentId)}/versions`

/** A redline as the API answers it: the two states compared, and the model. */
export interface RedlineAnswer extends Redline {
  from: { id: string; label: string }
  to: { id: string; label: string }
}

/** REST calls for versions and redlines. */
export const versionApi = {
  list: (documentId: string) => api<Version[]>(base(documentId)),
  create: (documentId: string, label: string, note: string) =>
    api<Version>(base(documentId), { method: 'POST', body: { label, ...(note.trim() ? { note } : {}) } }),
  get: (documentId: string, versionId: string) => api<{ version: Version; draft: JSONContent }>(`${base(documentId)}/${encodeURIComponent(versionId)}`),
  restore: (documentId: string, versionId: string) =>
    api<{ version: Version; reattached: string[] }>(`${base(documentId)}/${encodeURIComponent(versionId)}/restore`, { method: 'POST' }),
  redline: (documentId: string, from: string, to: string) =>
    api<RedlineAnswer>(`/documents/${encodeURIComponent(documentId)}/redline?${new URLSearchParams({ from, to, format: 'json' })}`),
}

/** Where a version's or a redline's download is (the browser fetches it with the session cookie). */
export const versionExportUrl = (documentId: string, versionId: string, format: 'docx' | 'md' | 'html') =>
  `/api${base(documentId)}/${encodeURIComponent(versionId)}/export?format=${format}`
export const redlineUrl = (documentId: string, from: string, to: string, format: 'html' | 'docx') =>
  `/api/documents/${encodeURIComponent(documentId)}/redline?${new URLSearchParams({ from, to, format })}`
