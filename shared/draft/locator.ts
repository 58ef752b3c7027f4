import type { Place } from '../types'
import type { PlaceInDraft } from './positionIndex'

/** The place of comments on the whole draft. */
export const GENERAL_PLACE: Place = Object.freeze({ kind: 'general' })

/** A place inside a recommendation: what quote search can be limited to. */
export type RecommendationPlace = Extract<Place, { kind: 'recommendation' }>

const GENERAL_LOCATOR = 'General'
const PREAMBLE_LOCATOR = 'Preamble'
/** Separator used in locators, as in "Recommendation 3 › Action 2". */
const LOCATOR_SEPARATOR = ' › '

/** The place of a position in the draft, as comments store it. */
export function placeOf(at: PlaceInDraft): Place {
  if (at.recommendation !== null) return { kind: 'recommendation', recommendation: at.recommendation, action: [...at.action] }
  return at.heading === null ? { kind: 'preamble' } : { kind: 'heading', heading: at.heading }
}

/** A place in English, e.g. `Recommendation 3 › Action 2`, `General`, or the heading of the section. */
export function formatPlace(place: Place): string {
  switch (place.kind) {
    case 'general':
      return GENERAL_LOCATOR
    case 'preamble':
      return PREAMBLE_LOCATOR
    case 'heading':
      return place.heading
    case 'recommendation': {
      const rec = `Recommendation ${place.recommendation}`
      return place.action.length > 0 ? `${rec}${LOCATOR_SEPARATOR}Action ${place.action.join('.')}` : rec
    }
    default: {
      const never: never = place
      throw new Error(`unknown place ${JSON.stringify(never)}`)
    }
  }
}


/**
 * Reads back a locator `formatPlace` wrote (comments stored before places were data). Text of any other
 * shape is a heading, so `formatPlace(placeFromLocator(text))` is `text` again for every text.
 */
export function placeFromLocator(locator: string): Place {
  if (locator === GENERAL_LOCATOR) return GENERAL_PLACE
  if (locator === PREAMBLE_LOCATOR) return { kind: 'preamble' }
  const m = /^Recommendation ([1-9]\d*)(?: › Action ([1-9]\d*(?:\.[1-9]\d*)*))?$/.exec(locator)
  return m ? recommendationPlace(m[1]!, m[2]) : { kind: 'heading', heading: locator }
}

/**
 * Reads a place as delegations write it in comment tables: "Recommendation 3 › Action 2",
 * "Recommendation 3 > Action 2", "Rec. 3, action 2.1", "R3 A2", "Recommendation 3"; empty or "General"
 * is the whole draft; any other text is read as `placeFromLocator` reads it (a heading, or the preamble).
 */
export function parsePlace(text: string): Place {
  const trimmed = text.trim()
  if (trimmed === '' || trimmed.toLowerCase() === GENERAL_LOCATOR.toLowerCase()) return GENERAL_PLACE
  const m = /\b(?:recommendations?|rec\.?|r)\s*(\d{1,3})\b(?:.*?\b(?:actions?|act\.?|a)\s*(\d{1,3}(?:\.\d{1,3})*))?/i.exec(trimmed)
  return m ? recommendationPlace(m[1]!, m[2]) : placeFromLocator(trimmed)
}

/** The place a locator's matched numbers name: "3" and "2.1" are Recommendation 3 › Action 2.1. */
function recommendationPlace(recommendation: string, action: string | undefined): RecommendationPlace {
  return { kind: 'recommendation', recommendation: Number(recommendation), action: action ? action.split('.').map(Number) : [] }
}

/** True when two places are the same place. */
export function samePlace(a: Place, b: Place): boolean {
  if (a.kind === 'recommendation') {
    return b.kind === 'recommendation' && a.recommendation === b.recommendation && a.action.length === b.action.length && a.action.every((n, i) => b.action[i] === n)
  }
  if (a.kind === 'heading') return b.kind === 'heading' && a.heading === b.heading
  return a.kind === b.kind
}

/** True when a position's place lies within the part of the draft `within` names. */
export function placeIsWithin(at: PlaceInDraft, within: RecommendationPlace): boolean {
  if (at.recommendation !== within.recommendation) return false
  return within.action.every((n, i) => at.action[i] === n)
}
