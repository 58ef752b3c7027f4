import { STANCES, type Comment, type Stance } from '../../../shared/types'
import { useLocale } from '../i18n/useLocale'
import { nameAndOrg } from '../ui/labels'

interface Props {
  comment: Pick<Comment, 'id' | 'stances'>
  /** The viewer's participant id: their own stance is the pressed button. */
  viewerId: string
  /** Whether the viewer may take a stance (members of the delegation); others see who did. */
  canTakeStance: boolean
  busy: boolean
  /** The viewer's new stance; null takes theirs back. */
  onChoose: (stance: Stance | null) => void
}

/**
 * Support and Oppose on a delegation's draft, for its members to show their focal point where they stand:
 * toggle buttons with counts (pressing one's own again takes it back), and who stands where.
 */
export function StanceButtons({ comment, viewerId, canTakeStance, busy, onChoose }: Props) {
  const { t } = useLocale()
  const stances = comment.stances ?? []
  const mine = stances.find((s) => s.by.id === viewerId)?.stance ?? null
  const said = STANCES.map((stance) => ({ stance, people: stances.filter((s) => s.stance === stance).map((s) => nameAndOrg(s.by)) })).filter(
    (s) => s.people.length > 0,
  )
  return (
    <div className="stances" data-test="stances" onClick={(e) => e.stopPropagation()}>
      {canTakeStance && (
        <div className="stance-buttons" role="group" aria-label={t('delegation.yourView', { id: comment.id })}>
          {STANCES.map((stance) => {
            const count = stances.filter((s) => s.stance === stance).length
            return (
              <button
                key={stance}
                type="button"
                className={`stance-button stance-${stance}`}
                aria-pressed={mine === stance}
                disabled={busy}
                onClick={() => onChoose(mine === stance ? null : stance)}
                data-test={`stance-${stance}`}
              >
                {t(`delegation.${stance}`)} <span className="stance-count">{count}</span>
              </button>
            )
          })}
        </div>
      )}
      {said.length > 0 && (
        <p className="stance-names" data-test="stance-names">
          {said.map(({ stance, people }) => t(stance === 'support' ? 'delegation.supportedBy' : 'delegation.opposedBy', { people: people.join(', ') })).join('; ')}
        </p>
      )}
    </div>
  )
}
