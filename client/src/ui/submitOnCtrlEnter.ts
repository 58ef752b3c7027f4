import type { KeyboardEvent } from 'react'

/**
 * A form's onKeyDown: Ctrl+Enter (Cmd+Enter on a Mac) in one of its text areas sends the form, as in
 * mail and chat apps, where Enter alone starts a new line. Goes through the form's submit button, so a
 * disabled button (nothing written yet, or already sending) sends nothing, and required fields are checked.
 */
export function submitOnCtrlEnter(e: KeyboardEvent<HTMLFormElement>): void {
  if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || !(e.target instanceof HTMLTextAreaElement)) return
  e.preventDefault()
  const button = e.currentTarget.querySelector<HTMLButtonElement>('button[type=submit]')
  if (button && !button.disabled) e.currentTarget.requestSubmit(button)
}
