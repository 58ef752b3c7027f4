import { useState } from 'react'
import { Trans } from 'react-i18next'
import { useLocale } from '../i18n/useLocale'
import { ImportErrors } from './ImportErrors'
import type { ImportPreview } from './importPreview'
import { MatchPlacement } from './MatchPlacement'

/** Rows drawn before "Show all": previews of large tables stay quick. */
const FIRST_ROWS = 200

/** Row by row, what an import would create and where each comment would attach in the draft. */
export function ImportPreviewTable({ preview }: { preview: ImportPreview }) {
  const { t, orgTitle } = useLocale()
  const [showAll, setShowAll] = useState(false)
  const { summary } = preview
  const rows = showAll ? preview.rows : preview.rows.slice(0, FIRST_ROWS)
  const problems = new Set(preview.errors.map((e) => e.row)).size
  const figures: [label: string, value: number, tone: '' | 'ok' | 'warn' | 'bad'][] = [
    [t('import.summary.read'), summary.total, ''],
    [t('import.summary.new'), summary.valid - summary.alreadyIn, 'ok'],
    [t('import.summary.exact'), summary.exact, ''],
    [t('import.match.normalized'), summary.normalized, ''],
    [t('import.match.fuzzy'), summary.fuzzy, ''],
    [t('import.summary.needsAnchoring'), summary.needsAnchoring, summary.needsAnchoring > 0 ? 'warn' : ''],
    [t('import.summary.alreadyIn'), summary.alreadyIn, summary.alreadyIn > 0 ? 'warn' : ''],
    [t('import.summary.problems'), problems, problems > 0 ? 'bad' : ''],
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
            <caption className="visually-hidden">{t('import.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.rowHeader')}</th>
                <th scope="col">{t('column.id')}</th>
                <th scope="col">{t('column.memberState')}</th>
                <th scope="col">{t('column.location')}</th>
                <th scope="col">{t('column.type')}</th>
                <th scope="col">{t('column.quote')}</th>
                <th scope="col">{t('import.willAttach')}</th>
                <th scope="col">{t('decision.decision')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.row} data-test="import-row" data-row={r.row} className={r.alreadyIn ? 'already-in-row' : r.needsAnchoring ? 'needs-anchoring' : ''}>
                  <th scope="row">{r.row}</th>
                  <td className="comment-id">{r.id ?? <span className="muted">{t('import.new')}</span>}</td>
                  <td>
                    <abbr className="org-code" title={orgTitle(r.org)}>
                      {r.org}
                    </abbr>
                  </td>
                  <td className="cell-location">{r.locator || <span className="muted">—</span>}</td>
                  <td>{t(`commentType.${r.type}`, { defaultValue: r.type })}</td>
                  <td className="cell-quote">
                    {r.quote ? <q dir="auto">{r.quote}</q> : <span className="muted">{t('import.noQuote')}</span>}
                  </td>
                  <td>
                    {r.alreadyIn ? (
                      <span className="already-in" data-test="import-row-repeat">
                        <Trans i18nKey="import.alreadyInAs" values={{ id: r.alreadyIn }} components={{ id: <span className="comment-id" /> }} />
                      </span>
                    ) : (
                      <MatchPlacement row={r} />
                    )}
                  </td>
                  <td>{r.disposition ? t(`disposition.${r.disposition}`) : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!showAll && preview.rows.length > FIRST_ROWS && (
        <button type="button" onClick={() => setShowAll(true)}>
          {t('import.showAll', { count: preview.rows.length })}
        </button>
      )}
    </div>
  )
}
