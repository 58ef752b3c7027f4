import { useEffect, useId, useState } from 'react'
import { type ChangesReport, tallyLine } from '../../../shared/changes/changesReport'
import { changesHeading, changesRows, changesTableHeader, commentLine } from '../../../shared/changes/changesRows'
import { summaryLine } from '../../../shared/redline/summary'
import { useLocale } from '../i18n/useLocale'
import type { Version } from '../../../shared/types'
import { ApiError, api } from '../api/http'
import { Link } from '../routing/Link'
import { navigate } from '../routing/router'
import { versionApi } from '../versions/versionApi'

const reportPath = (documentId: string, since: string | undefined, format: 'json' | 'html' | 'docx') =>
  `/documents/${encodeURIComponent(documentId)}/changes?${new URLSearchParams({ ...(since ? { since } : {}), format })}`

/**
 * The changes-since report on screen: what happened to each recommendation since a version (by default
 * the text last sent for comment), who edited it, and the decisions on its comments; as HTML and Word too.
 */
export function ChangesPage({ documentId, since }: { documentId: string; since?: string }) {
  const { t, place } = useLocale()
  const [report, setReport] = useState<ChangesReport | null>(null)
  const [error, setError] = useState<{ message: string; needsSince: boolean } | null>(null)
  const [versions, setVersions] = useState<Version[]>([])
  const sinceId = useId()
  useEffect(() => {
    setReport(null)
    setError(null)
    api<ChangesReport>(reportPath(documentId, since, 'json')).then(setReport, (err: Error) =>
      setError({ message: err.message, needsSince: err instanceof ApiError && err.code === 'changes.sinceRequired' }),
    )
  }, [documentId, since])
  useEffect(() => {
    versionApi.list(documentId).then(setVersions, () => setVersions([]))
  }, [documentId])

  const choose = (id: string) => navigate(`/d/${documentId}/changes?${new URLSearchParams({ since: id })}`)
  const picker = versions.length > 0 && (
    <label className="changes-since" htmlFor={sinceId}>
      {t('changesPage.since')}{' '}
      <select id={sinceId} value={report?.since.id ?? since ?? ''} onChange={(e) => choose(e.target.value)} data-test="changes-since">
        {!report && !since && <option value="">{t('changesPage.chooseVersion')}</option>}
        {versions.map((v) => (
          <option key={v.id} value={v.id}>
            {v.label}
          </option>
        ))}
      </select>
    </label>
  )

  if (error) {
    return (
      <div className="page narrow" data-test="changes-page">
        <h1>{t('changes.heading')}</h1>
        <p role="alert">{error.message}</p>
        {error.needsSince && versions.length === 0 && <p>{t('changesPage.nameVersion')}</p>}
        {picker}
        <p>
          <Link href={`/d/${documentId}/dashboard`}>{t('changesPage.backToDashboard')}</Link>
        </p>
      </div>
    )
  }
  if (!report) return <p role="status">{t('changesPage.preparing')}</p>
  const rows = changesRows(t, report)
  // Said from the report's facts in the reader's language (the report's own lines are English).
  const summary = [...report.summaryFacts.map((f) => summaryLine(t, f)), tallyLine(t, report.comments)].filter((l): l is string => l !== null)
  return (
    <div className="page changes-page" data-test="changes-page">
      <header className="dashboard-head">
        <div>
          <p className="dashboard-kicker">{t('changes.heading')}</p>
          <h1>{t('changesPage.sinceLabel', { label: report.since.label })}</h1>
          <p className="muted">{changesHeading(t, report)}</p>
          {picker}
        </div>
        <div className="thread-actions changes-actions">
          <a className="button-link" href={`/api${reportPath(documentId, report.since.id, 'docx')}`} download>
            {t('common.word')}
          </a>
          <a className="button-link" href={`/api${reportPath(documentId, report.since.id, 'html')}`} download>
            {t('common.html')}
          </a>
          <Link className="button-link" href={`/d/${documentId}/compare?${new URLSearchParams({ from: report.since.id, to: 'live' })}`}>
            {t('changesPage.fullRedline')}
          </Link>
          <Link className="button-link" href={`/d/${documentId}/dashboard`}>
            {t('changesPage.dashboard')}
          </Link>
        </div>
      </header>
      <section className="card" aria-labelledby="changes-summary">
        <h2 id="changes-summary">{t('changesPage.inShort')}</h2>
        {summary.length === 0 ? (
          <p>{t('changesPage.nothing')}</p>
        ) : (
          <ul data-test="changes-summary">
            {summary.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="changes-table">
        <h2 id="changes-table">{t('changesPage.recommendations')}</h2>
        <div className="table-scroll">
          <table className="changes-table" data-test="changes-table">
            <thead>
              <tr>
                {changesTableHeader(t).map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map(([recommendation, change, editors, comments], i) => (
                <tr key={i} data-status={report.recommendations[i]!.status}>
                  <th scope="row">{recommendation}</th>
                  <td>{change}</td>
                  <td>{editors || <span className="muted">–</span>}</td>
                  <td>
                    {comments.length > 0 ? (
                      <ul className="plain-list">
                        {comments.map((c) => (
                          <li key={c}>{c}</li>
                        ))}
                      </ul>
                    ) : (
                      <span className="muted">–</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {report.otherComments.length > 0 && (
        <section className="card" aria-labelledby="changes-other">
          <h2 id="changes-other">{t('changesPage.otherComments')}</h2>
          <ul>
            {report.otherComments.map((c) => (
              <li key={c.id}>
                {commentLine(t, c)} — {place(c.place)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  )
}
