import { useLocale } from '../i18n/useLocale'
import { useMediaQuery } from '../ui/useMediaQuery'

/** Phones and tablets: no keyboard to speak of, so no keyboard shortcut in the hint. */
const TOUCH_FIRST_QUERY = '(hover: none) and (pointer: coarse)'

/** Tells people who cannot edit the text what they can do with it. */
export function ReadOnlyHint({ canComment }: { canComment: boolean }) {
  const { t } = useLocale()
  const touchFirst = useMediaQuery(TOUCH_FIRST_QUERY)
  return (
    <p className="read-only-hint" data-test="read-only-hint">
      {canComment ? t(touchFirst ? 'hint.commenterTouch' : 'hint.commenter') : t('hint.observer')}
    </p>
  )
}
