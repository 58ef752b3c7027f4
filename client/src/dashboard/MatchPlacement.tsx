import { useLocale } from '../i18n/useLocale'
import type { PreviewRow } from './importPreview'

/** Where an imported row will attach: method and confidence, the place, and the words found; or why it will not. */
export function MatchPlacement({ row }: { row: PreviewRow }) {
  const { t, place: placeText, percent } = useLocale()
  /** Confidence as "87%", whether the server sends 0…1 or 0…100. */
  const confidence = (value: number) => percent(Math.round(value <= 1 ? value * 100 : value), 100)
  if (!row.match && row.needsAnchoring) {
    return (
      <span className="match-badge match-none" data-test="import-match" data-method="none">
        {t('import.match.none')}
      </span>
    )
  }
  if (row.textRemoved) {
    return (
      <span className="match-badge match-none" data-test="import-match" data-method="removed">
        {t('import.match.removed')}
      </span>
    )
  }
  if (!row.match) {
    // No quote: a comment on the whole draft or on the recommendation its Location names.
    return (
      <span className="match-badge match-general" data-test="import-match" data-method="general">
        {row.place.kind === 'recommendation' ? t('import.match.allOf', { number: row.place.recommendation }) : t('import.match.general')}
      </span>
    )
  }
  const { method, place, text } = row.match
  return (
    <div>
      <span className={`match-badge match-${method}`} data-test="import-match" data-method={method}>
        {t(`import.match.${method}`)} · {confidence(row.match.confidence)}
      </span>
      <div className="match-locator">{placeText(place)}</div>
      {method !== 'exact' && text && (
        <div className="match-text">
          {t('import.match.found')} <q dir="auto">{text}</q>
        </div>
      )}
    </div>
  )
}
