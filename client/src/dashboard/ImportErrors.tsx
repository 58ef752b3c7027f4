import { useLocale } from '../i18n/useLocale'
import type { RowError } from './importPreview'

/** The rows that cannot be imported, listed first and prominently. */
export function ImportErrors({ errors }: { errors: readonly RowError[] }) {
  const { t } = useLocale()
  if (errors.length === 0) return null
  // A row can have several problems; the heading counts rows.
  const rows = new Set(errors.map((e) => e.row)).size
  return (
    <div className="import-errors" role="alert" data-test="import-errors">
      <h4>{t('import.problems', { count: rows })}</h4>
      <ul>
        {errors.map((e, i) => (
          <li key={`${e.row}-${i}`} data-test="import-error" data-row={e.row}>
            <strong>{e.row > 0 ? t('import.row', { row: e.row }) : t('import.file')}</strong> <span lang="en">{e.reason}</span>
          </li>
        ))}
      </ul>
    </div>
  )
}
