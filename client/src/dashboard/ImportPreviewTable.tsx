import { useState } from 'react'
import { DISPOSITION_LABEL, TYPE_LABEL, orgTitle } from '../ui/labels'
import { ImportErrors } from './ImportErrors'
import type { ImportPreview } from './importPreview'
import { MatchPlacement } from './MatchPlacement'

/** Rows drawn before "Show all": previews of large tables stay quick. */
const FIRST_ROWS = 200

/** Row by row, what an import would create and where each comment would attach in the draft. */
export function ImportPreviewTable({ preview }: { preview: ImportPreview }) {
  const [showAll, setShowAll] = useState(false)
  const { summary } = preview
  const rows = showAll ? preview.rows : preview.rows.slice(0, FIRST_ROWS)
  const problems = new Set(preview.errors.map((e) => e.row)).size
  const figures: [label: string, value: number, tone: '' | 'ok' | 'warn' | 'bad'][] = [
    ['Rows read', summary.total, ''],
    ['New, to import', summary.valid - summary.alreadyIn, 'ok'],
    ['Exact quote', summary.exact, ''],
    ['Ignoring spaces and case', summary.normalized, ''],
    ['Closest match', summary.fuzzy, ''],
    ['Need anchoring', summary.needsAnchoring, summary.needsAnchoring > 0 ? 'warn' : ''],
    ['Already in the draft', summary.alreadyIn, summary.alreadyIn > 0 ? 'warn' : ''],
    ['Rows with problems', problems, problems > 0 ? 'bad' : ''],
  ]
  return (
    <div className="import-preview" data-test="import-preview">
      <dl className="import-summary" data-test="import-summary">
        {figures.map(([label, value, tone]) => (
          <div key={label} className={`summary-item ${tone}`}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <ImportErrors errors={preview.errors} />
      {preview.rows.length > 0 && (
        <div className="table-scroll">
          <table className="data-table import-table">
            <caption className="visually-hidden">Rows of the uploaded comment table and where each will attach</caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">ID</th>
                <th scope="col">Member State</th>
                <th scope="col">Location</th>
                <th scope="col">Type</th>
                <th scope="col">Quoted text</th>
                <th scope="col">Will attach to</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.row} data-test="import-row" data-row={r.row} className={r.alreadyIn ? 'already-in-row' : r.needsAnchoring ? 'needs-anchoring' : ''}>
                  <th scope="row">{r.row}</th>
                  <td className="comment-id">{r.id ?? <span className="muted">new</span>}</td>
                  <td>
                    <abbr className="org-code" title={orgTitle(r.org)}>
                      {r.org}
                    </abbr>
                  </td>
                  <td className="cell-location">{r.locator || <span className="muted">—</span>}</td>
                  <td>{TYPE_LABEL[r.type] ?? r.type}</td>
                  <td className="cell-quote">{r.quote ? <q>{r.quote}</q> : <span className="muted">none (general)</span>}</td>
                  <td>
                    {r.alreadyIn ? (
                      <span className="already-in" data-test="import-row-repeat">
                        Already in the draft as <span className="comment-id">{r.alreadyIn}</span>: skipped
                      </span>
                    ) : (
                      <MatchPlacement row={r} />
                    )}
                  </td>
                  <td>{r.disposition ? DISPOSITION_LABEL[r.disposition] : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!showAll && preview.rows.length > FIRST_ROWS && (
        <button type="button" onClick={() => setShowAll(true)}>
          Show all {preview.rows.length} rows
        </button>
      )}
    </div>
  )
}
