import { percent, type Progress } from './dashboardStats'

/** Decided / total as a bar, the count still open, and why withdrawn comments are left out. */
export function ProgressSummary({ progress }: { progress: Progress }) {
  const { total, decided, open, withdrawn, needsAnchoring, textRemoved } = progress
  const share = percent(decided, total)
  const figures: { key: string; label: string; value: number; tone: string; hint?: string }[] = [
    { key: 'open', label: 'Still open', value: open, tone: open > 0 ? 'warn' : 'ok' },
    { key: 'decided', label: 'Decided', value: decided, tone: 'ok' },
    { key: 'withdrawn', label: 'Withdrawn', value: withdrawn, tone: '', hint: 'need no decision' },
    { key: 'needs-anchoring', label: 'Need anchoring', value: needsAnchoring, tone: needsAnchoring > 0 ? 'warn' : '', hint: 'imported, quote not found' },
    { key: 'text-removed', label: 'Text removed', value: textRemoved, tone: textRemoved > 0 ? 'warn' : '', hint: 'quoted words deleted' },
  ]
  return (
    <section className="progress-summary card" aria-labelledby="progress-heading" data-test="dashboard-progress">
      <h2 id="progress-heading">Progress</h2>
      <p className="progress-figures">
        <span className="progress-big">
          <strong data-test="progress-decided">{decided}</strong> of <strong data-test="progress-total">{total}</strong>
        </span>{' '}
        comments decided <span className="muted">({share})</span>
      </p>
      <div
        className="progress-track"
        role="progressbar"
        aria-label="Comments decided"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={decided}
        aria-valuetext={`${decided} of ${total} comments decided, ${share}`}
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
        {total === 0
          ? 'No comments need a decision yet. '
          : open === 0
            ? 'Every comment has been decided. '
            : ''}
        Withdrawn comments need no decision and are not counted in the total.
      </p>
    </section>
  )
}
