import { useState } from 'react'
import { mayBeFocalPoint } from '../../../shared/policy'
import type { Participant } from '../../../shared/types'
import { api } from '../api/http'
import { useLocale } from '../i18n/useLocale'

/** Marks the participant who submits their delegation's comments. */
export function FocalPointBadge() {
  const { t } = useLocale()
  return (
    <span className="focal-badge" data-test="focal-point-badge">
      {t('participants.focalPoint')}
    </span>
  )
}

/**
 * Whether a participant is their delegation's focal point, switched on the spot (PATCH focalPoint); offered
 * only where the server's rule allows it, with its error beside it.
 */
export function FocalPointToggle({ participant: p, onChanged }: { participant: Participant; onChanged: () => Promise<unknown> }) {
  const { t, orgTitle } = useLocale()
  // The state asked for, shown while it is saved: the box follows the click at once, and goes back on an error.
  const [asked, setAsked] = useState<boolean | null>(null)
  const [error, setError] = useState<string | null>(null)
  // One that no longer qualifies (a role changed) can still be switched off.
  if (p.revokedAt || (!p.focalPoint && !mayBeFocalPoint(p))) {
    return <span className="muted" title={t('participants.focalOnlyDelegates')}>—</span>
  }
  const change = async (on: boolean) => {
    setAsked(on)
    setError(null)
    try {
      await api(`/participants/${p.id}`, { method: 'PATCH', body: { focalPoint: on } })
      await onChanged()
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setAsked(null)
    }
  }
  return (
    <>
      <input
        type="checkbox"
        checked={asked ?? p.focalPoint === true}
        disabled={asked !== null}
        onChange={(e) => void change(e.target.checked)}
        aria-label={t('participants.isFocalPoint', { name: p.name, org: orgTitle(p.org) })}
        data-test="participant-focal-point"
      />
      {error && (
        <p className="error" role="alert" data-test="participant-focal-error">
          {error}
        </p>
      )}
    </>
  )
}
