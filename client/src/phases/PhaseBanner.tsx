import { consultationClosed, type DraftFacts } from '../../../shared/phases'
import type { Phase } from '../../../shared/types'

export const PHASE_LABEL: Record<Phase, string> = {
  drafting: 'Drafting',
  consultation: 'Consultation',
  resolution: 'Resolving comments',
  adopted: 'Adopted',
}

// dateStyle and timeStyle cannot be combined with timeZoneName: the fields are spelled out.
const deadlineFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
})

/** "3 days 4 hours", "2 hours 5 minutes", "45 seconds": how long until the deadline. */
export function timeLeft(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  const parts: [number, string][] = [
    [Math.floor(s / 86400), 'day'],
    [Math.floor((s % 86400) / 3600), 'hour'],
    [Math.floor((s % 3600) / 60), 'minute'],
    [s % 60, 'second'],
  ]
  const shown = parts.filter(([n]) => n > 0).slice(0, 2)
  if (shown.length === 0) return '0 seconds'
  return shown.map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`).join(' ')
}

/** Where the draft is in the cycle, and what that means for the reader: why the text is read-only, until when comments are open. */
export function PhaseBanner({ draft, now }: { draft: DraftFacts; now: number }) {
  const { phase, consultation, round } = draft
  let detail: string
  switch (phase) {
    case 'drafting':
      detail = draft.commentsOutsideConsultation
        ? 'The Task Force is drafting; delegations may comment already.'
        : 'The Task Force is drafting. Delegations comment once the draft is sent for consultation.'
      break
    case 'consultation':
      detail =
        consultation && !consultationClosed(consultation, now)
          ? `Out for comment under ${consultation.reference}. The text is frozen while Member States comment. Comments close ${deadlineFormat.format(new Date(consultation.deadline))}.`
          : `The comment period${consultation ? ` for ${consultation.reference} closed on ${deadlineFormat.format(new Date(consultation.deadline))}` : ' has closed'}.`
      break
    case 'resolution':
      detail = consultation
        ? `Comments on ${consultation.reference} closed on ${deadlineFormat.format(new Date(consultation.deadline))}. The Task Force is resolving them; replies are open.`
        : 'The Task Force is resolving the comments; replies are open, new comments are not.'
      break
    case 'adopted':
      detail = 'Adopted text: it no longer changes.'
      break
    default: {
      const never: never = phase
      throw new Error(`unknown phase ${String(never)}`)
    }
  }
  const counting = phase === 'consultation' && consultation && !consultationClosed(consultation, now)
  return (
    <div className={`phase-banner phase-${phase}`} data-test="phase-banner" data-phase={phase}>
      <strong data-test="phase-label">
        {PHASE_LABEL[phase]}
        {round > 1 ? ` · round ${round}` : ''}
      </strong>{' '}
      {/* Announced when it changes (a new phase, comments closing); the countdown beside it is not read every second. */}
      <span role="status" data-test="phase-detail">
        {detail}
      </span>
      {counting && (
        <span className="countdown" aria-hidden="true" data-test="phase-countdown">
          {' '}
          ({timeLeft(Date.parse(consultation.deadline) - now)} left)
        </span>
      )}
    </div>
  )
}
