import { placeFromLocator } from '../../../shared/draft/locator'
import type { StoredComment } from '../../../shared/types'

/** A comment as versions before structured places stored it: its place only as English `locator` text. */
export type LegacyComment = Omit<StoredComment, 'place'> & { locator: string }

/**
 * A comment read from disk, in today's shape. Older files keep places as English text; it is read back
 * into a place once, at load, and losslessly: `formatPlace` gives the same text again (an orphaned
 * comment keeps the place it was last seen at). Files are rewritten in the new shape at compaction.
 */
export function upgradeComment(comment: StoredComment | LegacyComment): StoredComment {
  if ('place' in comment) return comment
  const { locator, ...rest } = comment
  return { ...rest, place: placeFromLocator(locator) }
}
