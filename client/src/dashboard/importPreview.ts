import type { CommentType, Disposition } from '../../../shared/types'

/** How an imported row's quote was found in the draft. */
export type MatchMethod = 'exact' | 'normalized' | 'fuzzy'

/**
 * One valid row of an uploaded comment table, as the preview shows it (the server also sends the
 * comment's text, proposed change and resolution details, which the preview does not display).
 */
export interface PreviewRow {
  row: number
  id?: string
  org: string
  type: CommentType
  /** The Location as written in the file. */
  locator: string
  quote: string
  disposition?: Disposition
  match: null | { method: MatchMethod; confidence: number; locator: string; text: string }
  needsAnchoring: boolean
}

export interface RowError {
  row: number
  reason: string
}

/** `POST /api/documents/:id/comments/import/preview` → this. */
export interface ImportPreview {
  rows: PreviewRow[]
  errors: RowError[]
  summary: { total: number; valid: number; exact: number; normalized: number; fuzzy: number; needsAnchoring: number }
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The Content-Type to upload a chosen file with, or null when it is neither XLSX nor CSV. */
export function tableContentType(file: File): string | null {
  const name = file.name.toLowerCase()
  if (name.endsWith('.xlsx') || file.type === XLSX_TYPE) return XLSX_TYPE
  if (name.endsWith('.csv') || file.type === 'text/csv') return 'text/csv'
  return null
}

export const MATCH_LABEL: Record<MatchMethod, string> = {
  exact: 'Exact',
  normalized: 'Ignoring spaces and case',
  fuzzy: 'Closest match',
}

/** "1.2 MB" for progress messages. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
