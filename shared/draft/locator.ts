import type { PlaceInDraft } from './positionIndex'

/** Locator of comments on the whole draft. */
export const GENERAL_LOCATOR = 'General'
/** Locator of text before the first heading and outside recommendations. */
export const PREAMBLE_LOCATOR = 'Preamble'
/** Separator used in locators, as in "Recommendation 3 › Action 2". */
export const LOCATOR_SEPARATOR = ' › '

/** Human-readable place, e.g. `Recommendation 3 › Action 2`, or the heading of the section. */
export function formatLocator(place: PlaceInDraft): string {
  if (place.recommendation !== null) {
    const rec = `Recommendation ${place.recommendation}`
    return place.action.length > 0 ? `${rec}${LOCATOR_SEPARATOR}Action ${place.action.join('.')}` : rec
  }
  return place.heading ?? PREAMBLE_LOCATOR
}

export interface ParsedLocator {
  recommendation: number
  action: number[]
}

/**
 * Reads a locator as delegations write it in comment tables: "Recommendation 3 › Action 2",
 * "Recommendation 3 > Action 2", "Rec. 3, action 2.1", "R3 A2", "Recommendation 3". Returns null for
 * anything that names no recommendation (e.g. "General").
 */
export function parseLocator(text: string): ParsedLocator | null {
  const m = /\b(?:recommendations?|rec\.?|r)\s*(\d{1,3})\b(?:.*?\b(?:actions?|act\.?|a)\s*(\d{1,3}(?:\.\d{1,3})*))?/i.exec(text)
  if (!m) return null
  const action = m[2] ? m[2].split('.').map(Number) : []
  return { recommendation: Number(m[1]), action }
}

/** True when a place lies within the part of the draft a parsed locator names. */
export function placeIsWithin(place: PlaceInDraft, within: ParsedLocator): boolean {
  if (place.recommendation !== within.recommendation) return false
  return within.action.every((n, i) => place.action[i] === n)
}
