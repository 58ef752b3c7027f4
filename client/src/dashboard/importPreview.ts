/** The import API's answers are shared with the server (shared/commentImport.ts). */
export type { ImportPreview, ImportResult, PreviewRow, RowError } from '../../../shared/commentImport'
import type { MatchMethod } from '../../../shared/draft/quoteSearch'

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
