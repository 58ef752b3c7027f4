/** The import API's answers are shared with the server (shared/commentImport.ts). */
export type { ImportPreview, ImportResult, PreviewRow, RowError } from '../../../shared/commentImport'
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The Content-Type to upload a chosen file with, or null when it is neither XLSX nor CSV. */
export function tableContentType(file: File): string | null {
  const name = file.name.toLowerCase()
  if (name.endsWith('.xlsx') || file.type === XLSX_TYPE) return XLSX_TYPE
  if (name.endsWith('.csv') || file.type === 'text/csv') return 'text/csv'
  return null
}

