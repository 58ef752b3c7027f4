import type { MouseEvent } from 'react'
import { useLocale } from '../i18n/useLocale'

/** The id of the draft's text on the editor page (the skip link's target). */
export const DRAFT_TEXT_ID = 'draft-text'
/** The id of the page's main region (the skip link's target elsewhere, and while a draft opens). */
export const MAIN_ID = 'main'

/**
 * The page's first focusable element, shown only when focused: keyboard users jump over the header
 * and toolbar to the draft's text (or to the page's content) instead of tabbing through them.
 * Focuses the target itself: following a fragment link only moves where the next Tab starts.
 */
export function SkipLink({ toDraft }: { toDraft: boolean }) {
  const { t } = useLocale()
  const skip = (e: MouseEvent<HTMLAnchorElement>) => {
    const target = (toDraft && document.getElementById(DRAFT_TEXT_ID)) || document.getElementById(MAIN_ID)
    if (!target) return
    e.preventDefault()
    target.focus({ preventScroll: true })
    target.scrollIntoView({ block: 'start' })
  }
  return (
    <a className="skip-link" href={`#${toDraft ? DRAFT_TEXT_ID : MAIN_ID}`} onClick={skip} data-test="skip-link">
      {toDraft ? t('app.skipToDraft') : t('app.skipToContent')}
    </a>
  )
}
