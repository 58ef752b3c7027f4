import { useEffect, useState } from 'react'
import { summarize } from '../../../shared/redline/summary'
import { Link } from '../routing/Link'
import { RedlineView } from '../versions/RedlineView'
import { type RedlineAnswer, redlineUrl, versionApi } from '../versions/versionApi'

/**
 * Two states of a draft compared, read-only: a summary per recommendation at the top, then the text with
 * every insertion and deletion attributed, inline or side by side; the same as HTML or Word.
 */
export function ComparePage({ documentId, from, to }: { documentId: string; from: string; to: string }) {
  const [answer, setAnswer] = useState<RedlineAnswer | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [layout, setLayout] = useState<'inline' | 'side-by-side'>('inline')
  useEffect(() => {
    setAnswer(null)
    versionApi.redline(documentId, from, to).then(setAnswer, (err: Error) => setError(err.message))
  }, [documentId, from, to])

  if (error) {
    return (
      <div className="page narrow" role="alert">
        <h1>Cannot compare</h1>
        <p>{error}</p>
        <Link href={`/d/${documentId}`}>Back to the draft</Link>
      </div>
    )
  }
  if (!answer) return <p role="status">Comparing…</p>
  const summary = summarize(answer.blocks)
  return (
    <div className="page compare-page" data-test="compare-page">
      <header className="dashboard-head">
        <div>
          <p className="dashboard-kicker">Changes</p>
          <h1>
            {answer.from.label} → {answer.to.label}
          </h1>
          <p className="muted" data-test="compare-counts">
            {answer.counts.inserted} words inserted, {answer.counts.deleted} deleted, {answer.counts.movedBlocks} moved
          </p>
        </div>
        <div className="thread-actions">
          <a className="button-link" href={redlineUrl(documentId, from, to, 'docx')} download>
            Word (tracked changes)
          </a>
          <a className="button-link" href={redlineUrl(documentId, from, to, 'html')} download>
            HTML
          </a>
          <Link href={`/d/${documentId}`} className="button-link">
            Back to the draft
          </Link>
        </div>
      </header>
      <section className="card" aria-labelledby="compare-summary">
        <h2 id="compare-summary">Summary of the changes</h2>
        {summary.length === 0 ? (
          <p>No changes.</p>
        ) : (
          <ul data-test="compare-summary">
            {summary.map((s, i) => (
              <li key={i}>{s.line}</li>
            ))}
          </ul>
        )}
      </section>
      <div className="compare-layout" role="radiogroup" aria-label="Layout">
        <label>
          <input type="radio" name="layout" checked={layout === 'inline'} onChange={() => setLayout('inline')} /> Inline
        </label>
        <label>
          <input type="radio" name="layout" checked={layout === 'side-by-side'} onChange={() => setLayout('side-by-side')} data-test="layout-side-by-side" /> Side by side
        </label>
      </div>
      <RedlineView blocks={answer.blocks} layout={layout} />
    </div>
  )
}
