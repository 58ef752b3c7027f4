import type * as Y from 'yjs'
import type { AnchorRepair } from '../../../shared/draft/anchorRepairs'
import type { Range } from '../../../shared/draft/anchors'
import type { Comment } from '../../../shared/types'
import type { Locale } from '../i18n/useLocale'

/** What the highlight plugin reads from the page: the draft, its visible comments and callbacks. */
export interface HighlightSource {
  fragment: Y.XmlFragment
  comments: () => readonly Comment[]
  showResolved: () => boolean
  activeId: () => string | null
  /** Where the comments' words are, as the page last computed it (highlights are drawn from this). */
  placements: () => ReadonlyMap<string, Range>
  /** A highlight was clicked, or tapped on a touch screen. */
  onActivate: (commentId: string, byTouch: boolean) => void
  /** Anchor repairs this tab's typing made necessary (sent to the server before the next edit). */
  onRepairs: (repairs: AnchorRepair[]) => void
  /** The reader's language, for what highlights and proposals say about themselves. */
  words: () => Pick<Locale, 't' | 'orgTitle'>
}
