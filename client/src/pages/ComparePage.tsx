import { useEffect, useState } from 'react'
import { summarize } from '../../../shared/redline/summary'
import { useLocale } from '../i18n/useLocale'
import { Link } from '../routing/Link'
import { RedlineView } from '../versions/RedlineView'
import { type RedlineAnswer, redlineUrl, versionApi } from '../versions/versionApi'

/**
 * Two states of a draft compared, read-only: a summary per recommendation at the top, then the text with
 * every insertion and deletion attributed, inline or side by side; the same as HTML or Word.
 */
export function ComparePage({ documentId, from, to }: { documentId: string; from: string; to: string }) {
  const { t } = useLocale()
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
        <h1>{t('compare.cannot')}</h1>
        <p>{error}</p>
        <Link href={`/d/${documentId}`}>{t('common.backToDraft')}</Link>
      </div>
    )
  }
  if (!answer) return <p role="status">{t('compare.comparing')}</p>
  const summary = summarize(answer.blocks, t)
  return (
    <div className="page compare-page" data-test="compare-page">
      <header className="dashboard-head">
        <div>
          <p className="dashboard-kicker">{t('compare.kicker')}</p>
          <h1>{t('compare.title', { from: answer.from.label, to: answer.to.label })}</h1>
          <p className="muted" data-test="compare-counts">
            {t('compare.counts', { count: answer.counts.inserted, deleted: answer.counts.deleted, moved: answer.counts.movedBlocks })}
          </p>
        </div>
        <div className="thread-actions">
          <a className="button-link" href={redlineUrl(documentId, from, to, 'docx')} download>
            {t('compare.wordTracked')}
          </a>
          <a className="button-link" href={redlineUrl(documentId, from, to, 'html')} download>
            {t('common.html')}
          </a>
          <Link href={`/d/${documentId}`} className="button-link">
            {t('common.backToDraft')}
          </Link>
        </div>
      </header>
      <section className="card" aria-labelledby="compare-summary">
        <h2 id="compare-summary">{t('changes.heading')}</h2>
        {summary.length === 0 ? (
          <p>{t('compare.noChanges')}</p>
        ) : (
          <ul data-test="compare-summary">
            {summary.map((s, i) => (
              <li key={i}>{s.line}</li>
            ))}
          </ul>
        )}
      </section>
      <div className="compare-layout" role="radiogroup" aria-label={t('compare.layout')}>
        <label>
          <input type="radio" name="layout" checked={layout === 'inline'} onChange={() => setLayout('inline')} /> {t('compare.inline')}
        </label>
        <label>
          <input type="radio" name="layout" checked={layout === 'side-by-side'} onChange={() => setLayout('side-by-side')} data-test="layout-side-by-side" />{' '}
          {t('compare.sideBySide')}
        </label>
      </div>
      <RedlineView blocks={answer.blocks} layout={layout} />
    </div>
  )
}
