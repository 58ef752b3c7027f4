import { useMediaQuery } from '../ui/useMediaQuery'

/** Phones and tablets: no keyboard to speak of, so no keyboard shortcut in the hint. */
const TOUCH_FIRST_QUERY = '(hover: none) and (pointer: coarse)'

/** Tells people who cannot edit the text what they can do with it. */
export function ReadOnlyHint({ canComment }: { canComment: boolean }) {
  const touchFirst = useMediaQuery(TOUCH_FIRST_QUERY)
  const select = touchFirst ? 'select words and tap Comment' : 'select words and press Comment (Ctrl+Alt+M)'
  return (
    <p className="read-only-hint" data-test="read-only-hint">
      {canComment
        ? `You can read this draft and comment on it: ${select}, or type the words in "Comment on wording". To propose wording as in Word's track changes, switch on Suggest and type in the text. Only the Task Force edits the text.`
        : 'You are following this draft as an observer: you can read it and its comments.'}
    </p>
  )
}
