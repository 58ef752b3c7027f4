import { Trans } from 'react-i18next'
import { useLocale } from '../i18n/useLocale'
import type { Progress } from './dashboardStats'

/** Decided / total as a bar, the count still open, and why withdrawn comments are left out. */
export function ProgressSummary({ progress }: { progress: Progress }) {
  const { t, percent } = useLocale()
  const { total, decided, open, withdrawn, needsAnchoring, textRemoved } = progress
  const share = percent(decided, total)
  const figures: { key: string; label: string; value: number; tone: string; hint?: string }[] = [
    { key: 'open', label: t('progress.open'), value: open, tone: open > 0 ? 'warn' : 'ok' },
    { key: 'decided', label: t('progress.decided'), value: decided, tone: 'ok' },
    { key: 'withdrawn', label: t('progress.withdrawn'), value: withdrawn, tone: '', hint: t('progress.withdrawnHint') },
    { key: 'needs-anchoring', label: t('progress.needsAnchoring'), value: needsAnchoring, tone: needsAnchoring > 0 ? 'warn' : '', hint: t('progress.needsAnchoringHint') },
    { key: 'text-removed', label: t('progress.textRemoved'), value: textRemoved, tone: textRemoved > 0 ? 'warn' : '', hint: t('progress.textRemovedHint') },
  ]
  return (
    <section className="progress-summary card" aria-labelledby="progress-heading" data-test="dashboard-progress">
      <h2 id="progress-heading">{t('progress.heading')}</h2>
      <p className="progress-figures">
        <Trans
          i18nKey="progress.figures"
          count={total}
          values={{ decided, count: total, share }}
          components={{
            big: <span className="progress-big" />,
            decided: <strong data-test="progress-decided" />,
            total: <strong data-test="progress-total" />,
            muted: <span className="muted" />,
          }}
        />
      </p>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={t('progress.barLabel')}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={decided}
        aria-valuetext={t('progress.valueText', { decided, count: total, share })}
      >
        <div className="progress-fill" style={{ width: total === 0 ? 0 : `${(decided / total) * 100}%` }} />
      </div>
      <dl className="progress-tiles">
        {figures.map((f) => (
          <div key={f.key} className={`progress-tile ${f.tone}`}>
            <dt>{f.label}</dt>
            <dd data-test={`progress-${f.key}`} data-count={f.value}>
              {f.value}
            </dd>
            {f.hint && <dd className="tile-hint">{f.hint}</dd>}
          </div>
        ))}
      </dl>
      <p className="muted progress-note" data-test="progress-note">
        {total === 0 ? `${t('progress.noneYet')} ` : open === 0 ? `${t('progress.allDecided')} ` : ''}
        {t('progress.withdrawnNote')}
      </p>
    </section>
  )
}
