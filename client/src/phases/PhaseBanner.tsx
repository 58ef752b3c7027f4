import { consultationClosed, type DraftFacts } from '../../../shared/phases'
import { intlLocale, type Language } from '../../../shared/i18n/languages'
import { useLocale } from '../i18n/useLocale'

const UNITS = [
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
] as const

/** "3 days 4 hours", "2 hours 5 minutes", "45 seconds": how long until the deadline, in the language (`Intl` units). */
export function timeLeft(ms: number, language: Language): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  const amounts = UNITS.map(([unit, seconds], i) => [unit, i === 0 ? Math.floor(s / seconds) : Math.floor((s % UNITS[i - 1]![1]) / seconds)] as const)
  const shown = amounts.filter(([, n]) => n > 0).slice(0, 2)
  const say = ([unit, n]: readonly [string, number]) => new Intl.NumberFormat(intlLocale(language), { style: 'unit', unit, unitDisplay: 'long' }).format(n)
  return shown.length === 0 ? say(['second', 0]) : shown.map(say).join(' ')
}

/** Where the draft is in the cycle, and what that means for the reader: why the text is read-only, until when comments are open. */
export function PhaseBanner({ draft, now }: { draft: DraftFacts; now: number }) {
  const { t, deadline, language } = useLocale()
  const { phase, consultation, round } = draft
  let detail: string
  switch (phase) {
    case 'drafting':
      detail = draft.commentsOutsideConsultation ? t('phases.banner.draftingOpen') : t('phases.banner.drafting')
      break
    case 'consultation':
      detail =
        consultation && !consultationClosed(consultation, now)
          ? t('phases.banner.consultation', { reference: consultation.reference, deadline: deadline(consultation.deadline) })
          : consultation
            ? t('phases.banner.consultationClosed', { reference: consultation.reference, deadline: deadline(consultation.deadline) })
            : t('phases.banner.periodClosed')
      break
    case 'resolution':
      detail = consultation
        ? t('phases.banner.resolution', { reference: consultation.reference, deadline: deadline(consultation.deadline) })
        : t('phases.banner.resolutionPlain')
      break
    case 'adopted':
      detail = t('phases.banner.adopted')
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
        {t(`phase.${phase}`)}
        {round > 1 ? ` · ${t('phases.roundN', { round })}` : ''}
      </strong>{' '}
      {/* Announced when it changes (a new phase, comments closing); the countdown beside it is not read every second. */}
      <span role="status" data-test="phase-detail">
        {detail}
      </span>
      {counting && (
        <span className="countdown" aria-hidden="true" data-test="phase-countdown">
          {' '}
          {t('phases.left', { time: timeLeft(Date.parse(consultation.deadline) - now, language) })}
        </span>
      )}
    </div>
  )
}
