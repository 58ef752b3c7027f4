import type { Place } from '../types'
import type { Translate } from './translator'

/** A place in the draft in the language of `t`: "Recommendation 3 › Action 2", "General", a heading's text. */
export function formatPlaceIn(t: Translate, place: Place): string {
  switch (place.kind) {
    case 'general':
      return t('place.general')
    case 'preamble':
      return t('place.preamble')
    case 'heading':
      return place.heading
    case 'recommendation': {
      const recommendation = t('place.recommendation', { number: place.recommendation })
      return place.action.length > 0 ? t('place.action', { recommendation, action: place.action.join('.') }) : recommendation
    }
    default: {
      const never: never = place
      throw new Error(`unknown place ${JSON.stringify(never)}`)
    }
  }
}
