import type { Translate } from '../../../shared/i18n/translator'
import type { Comment } from '../../../shared/types'
import { useLocale } from '../i18n/useLocale'

/** The note a proposal not taken gets, naming the one that was (in the chair's language: it is their observation). */
export const alternativeNote = (t: Translate, accepted: string) => t('proposals.alternativeNote', { id: accepted })

/**
 * With Apply on one of several proposals for the same words: the others, each with a box to
 * decide it in the same step as Not accepted, with a note naming the alternative accepted.
 */
export function AlternativesChoice({
  accepted,
  alternatives,
  chosen,
  onChange,
}: {
  accepted: string
  alternatives: readonly Comment[]
  chosen: ReadonlySet<string>
  onChange: (next: Set<string>) => void
}) {
  const { t } = useLocale()
  if (alternatives.length === 0) return null
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen)
    if (on) next.add(id)
    else next.delete(id)
    onChange(next)
  }
  return (
    <fieldset className="alternatives-choice" data-test="alternatives-choice">
      <legend>{t('proposals.alternatives')}</legend>
      {alternatives.map((a) => (
        <label key={a.id}>
          <input type="checkbox" checked={chosen.has(a.id)} onChange={(e) => toggle(a.id, e.target.checked)} data-test="alternative-decide" />{' '}
          {t('proposals.alternativeChoice', { id: a.id, org: a.author.org, wording: a.proposedChange || t('proposals.delete'), note: alternativeNote(t, accepted) })}
        </label>
      ))}
    </fieldset>
  )
}
