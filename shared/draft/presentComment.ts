import type { Comment, StoredComment } from '../types'
import { formatPlace } from './locator'
import { isOutdated } from './proposals'

/**
 * A stored comment as the API and the live connection send it: its place also as English text (for
 * scripts), and whether its proposal is outdated given the words it is attached to now (null: gone).
 */
export function presentComment(comment: StoredComment, wordsNow: string | null): Comment {
  return { ...comment, locator: formatPlace(comment.place), outdated: isOutdated(comment, wordsNow) }
}
