import { type FormEvent, useState } from 'react'
import { NEXT_PHASES, type DraftFacts } from '../../../shared/phases'
import type { DocumentMeta, Phase } from '../../../shared/types'
import { LIMITS } from '../../../shared/validation'
import { api } from '../api/http'
import { useLocale } from '../i18n/useLocale'

/** A deadline a week ahead at 17:00 local time, as the `datetime-local` input takes it. */
function defaultDeadline(): string {
  const d = new Date(Date.now() + 7 * 86_400_000)
  d.setHours(17, 0, 0, 0)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/**
 * The chair's controls for the cycle: send for comment (with the circular's reference and a deadline),
 * close comments early, open the next round, adopt (refused, with the undecided comments listed, while
 * any is open), reopen; and whether delegations may comment while the draft is being drafted.
 */
export function PhaseControls({ documentId, draft, onChanged }: { documentId: string; draft: DraftFacts; onChanged: (meta: DocumentMeta) => void }) {
  const { t } = useLocale()
  const [opening, setOpening] = useState(false)
  const [reference, setReference] = useState('')
  const [deadline, setDeadline] = useState(defaultDeadline)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const move = async (phase: Phase, extra: { reference?: string; deadline?: string } = {}) => {
    setBusy(true)
    setError(null)
    try {
      onChanged(await api<DocumentMeta>(`/documents/${documentId}/phase`, { method: 'POST', body: { phase, ...extra } }))
      setOpening(false)
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setBusy(false)
    }
  }
  const send = (e: FormEvent) => {
    e.preventDefault()
    void move('consultation', { reference: reference.trim(), deadline: new Date(deadline).toISOString() })
  }
  const setting = async (on: boolean) => {
    setError(null)
    try {
      onChanged(await api<DocumentMeta>(`/documents/${documentId}`, { method: 'PATCH', body: { commentsOutsideConsultation: on } }))
    } catch (err) {
      setError((err as Error).message)
    }
  }

  return (
    <div className="phase-controls" data-test="phase-controls">
      {NEXT_PHASES[draft.phase].map((next) =>
        next === 'consultation' ? (
          <button key={next} type="button" onClick={() => setOpening((o) => !o)} aria-expanded={opening} data-test="phase-open-consultation">
            {draft.phase === 'resolution' ? t('phases.openRound', { round: draft.round + 1 }) : t('phases.sendForCommentEllipsis')}
          </button>
        ) : (
          <button key={next} type="button" disabled={busy} onClick={() => void move(next)} data-test={`phase-to-${next}`}>
            {t(`phases.action.${next}`)}
          </button>
        ),
      )}
      {draft.phase === 'drafting' && (
        <label className="checkbox">
          <input type="checkbox" checked={draft.commentsOutsideConsultation} onChange={(e) => void setting(e.target.checked)} data-test="comments-outside-consultation" />
          {t('phases.commentWhileDrafting')}
        </label>
      )}
      {opening && (
        <form className="consultation-form" onSubmit={send} aria-label={t('phases.action.consultation')}>
          <label>
            {t('phases.reference')}
            <input value={reference} onChange={(e) => setReference(e.target.value)} required maxLength={LIMITS.reference} placeholder="C.CWS 180" data-test="consultation-reference" />
          </label>
          <label>
            {t('phases.closes')}
            <input type="datetime-local" step={1} value={deadline} onChange={(e) => setDeadline(e.target.value)} required data-test="consultation-deadline" />
          </label>
          <button type="submit" className="primary" disabled={busy || !reference.trim()} data-test="consultation-send">
            {t('phases.action.consultation')}
          </button>
        </form>
      )}
      {error && (
        <p className="error" role="alert" data-test="phase-error">
          {error}
        </p>
      )}
    </div>
  )
}
