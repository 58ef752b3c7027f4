import type { Comment } from '../../../shared/types'

/** The note a proposal not taken gets, naming the one that was. */
export const alternativeNote = (accepted: string) => `Not accepted: alternative ${accepted} accepted.`

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
  if (alternatives.length === 0) return null
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen)
    if (on) next.add(id)
    else next.delete(id)
    onChange(next)
  }
  return (
    <fieldset className="alternatives-choice" data-test="alternatives-choice">
      <legend>Alternatives for the same words</legend>
      {alternatives.map((a) => (
        <label key={a.id}>
          <input type="checkbox" checked={chosen.has(a.id)} onChange={(e) => toggle(a.id, e.target.checked)} data-test="alternative-decide" />{' '}
          {a.id} ({a.author.org}): “{a.proposedChange || '(delete)'}” — mark Not accepted: “{alternativeNote(accepted)}”
        </label>
      ))}
    </fieldset>
  )
}
