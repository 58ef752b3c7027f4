import type { RowError } from './importPreview'

/** The rows that cannot be imported, listed first and prominently. */
export function ImportErrors({ errors }: { errors: readonly RowError[] }) {
  if (errors.length === 0) return null
  // A row can have several problems; the heading counts rows.
  const rows = new Set(errors.map((e) => e.row)).size
  return (
    <div className="import-errors" role="alert" data-test="import-errors">
      <h4>
        {rows} {rows === 1 ? 'row has problems' : 'rows have problems'}: nothing is imported until the file is fixed
      </h4>
      <ul>
        {errors.map((e, i) => (
          <li key={`${e.row}-${i}`} data-test="import-error" data-row={e.row}>
            <strong>{e.row > 0 ? `Row ${e.row}` : 'File'}:</strong> {e.reason}
          </li>
        ))}
      </ul>
    </div>
  )
}
