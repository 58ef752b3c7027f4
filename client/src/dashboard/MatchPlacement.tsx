import { formatPlace } from '../../../shared/draft/locator'
import { MATCH_LABEL, type PreviewRow } from './importPreview'

/** Confidence as "87%", whether the server sends 0…1 or 0…100. */
const confidence = (value: number) => `${Math.round(value <= 1 ? value * 100 : value)}%`

/** Where an imported row will attach: method and confidence, the place, and the words found; or why it will not. */
export function MatchPlacement({ row }: { row: PreviewRow }) {
  if (!row.match && row.needsAnchoring) {
    return (
      <span className="match-badge match-none" data-test="import-match" data-method="none">
        Needs anchoring
      </span>
    )
  }
  if (row.textRemoved) {
    return (
      <span className="match-badge match-none" data-test="import-match" data-method="removed">
        Text removed (as in the table)
      </span>
    )
  }
  if (!row.match) {
    // No quote: a comment on the whole draft or on the recommendation its Location names.
    return (
      <span className="match-badge match-general" data-test="import-match" data-method="general">
        {row.place.kind === 'recommendation' ? `All of Recommendation ${row.place.recommendation}` : 'General comment'}
      </span>
    )
  }
  const { method, place, text } = row.match
  return (
    <div>
      <span className={`match-badge match-${method}`} data-test="import-match" data-method={method}>
        {MATCH_LABEL[method]} · {confidence(row.match.confidence)}
      </span>
      <div className="match-locator">{formatPlace(place)}</div>
      {method !== 'exact' && text && <div className="match-text">found: “{text}”</div>}
    </div>
  )
}
