import { type KeyboardEvent, type TextareaHTMLAttributes, useId, useRef, useState } from 'react'
import type { PersonRef } from '../../../shared/types'
import { api } from '../api/http'
import { useLocale } from '../i18n/useLocale'

/** The words typed after "@" just before the caret: what to complete. */
const MENTION_BEFORE_CARET = /(?:^|\s)@([\p{L}\p{M}'’.-]*(?: [\p{L}\p{M}'’.-]*)?)$/u
const MAX_SUGGESTIONS = 6

/**
 * Puts text into a React-controlled textarea as if typed, so its own onChange runs (the call sites stay
 * as they are: `setBody(e.target.value)`).
 */
function typeInto(textarea: HTMLTextAreaElement, value: string, caret: number): void {
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(textarea, value)
  textarea.dispatchEvent(new Event('input', { bubbles: true }))
  textarea.setSelectionRange(caret, caret)
}

/**
 * A textarea that completes `@Name` from the workspace's participants (whom a mention notifies): type "@"
 * and some letters, then pick with the arrow keys and Enter or Tab, or the mouse; Escape closes the list.
 */
export function MentionTextarea(props: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { onKeyDown, onKeyUp, onClick, ...rest } = props
  const { t } = useLocale()
  const ref = useRef<HTMLTextAreaElement>(null)
  const people = useRef<Promise<PersonRef[]> | null>(null)
  const [query, setQuery] = useState<{ text: string; start: number } | null>(null)
  const [matches, setMatches] = useState<PersonRef[]>([])
  const [active, setActive] = useState(0)
  const listId = useId()

  const look = () => {
    const el = ref.current
    if (!el) return
    const before = el.value.slice(0, el.selectionStart)
    const m = MENTION_BEFORE_CARET.exec(before)
    if (!m) {
      setQuery(null)
      return
    }
    const text = m[1]!
    const start = before.length - text.length - 1
    people.current ??= api<PersonRef[]>('/people').catch(() => [])
    void people.current.then((all) => {
      const wanted = text.toLocaleLowerCase()
      const found = all.filter((p) => p.name.toLocaleLowerCase().startsWith(wanted) || p.name.toLocaleLowerCase().includes(` ${wanted}`)).slice(0, MAX_SUGGESTIONS)
      setMatches(found)
      setActive(0)
      setQuery(found.length > 0 ? { text, start } : null)
    })
  }

  const pick = (person: PersonRef) => {
    const el = ref.current
    if (!el || !query) return
    const end = query.start + 1 + query.text.length
    const inserted = `@${person.name} `
    typeInto(el, el.value.slice(0, query.start) + inserted + el.value.slice(end), query.start + inserted.length)
    setQuery(null)
    el.focus()
  }

  const keyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (query && matches.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault()
        setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length)
        return
      }
      if ((e.key === 'Enter' && !e.ctrlKey && !e.metaKey) || e.key === 'Tab') {
        e.preventDefault()
        pick(matches[active]!)
        return
      }
      if (e.key === 'Escape') {
        e.preventDefault()
        e.stopPropagation()
        setQuery(null)
        return
      }
    }
    onKeyDown?.(e)
  }

  const open = query !== null && matches.length > 0
  return (
    <div className="mention-box">
      <textarea
        dir="auto"
        {...rest}
        ref={ref}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        {...(open ? { 'aria-activedescendant': `${listId}-${active}` } : {})}
        onKeyDown={keyDown}
        onKeyUp={(e) => {
          onKeyUp?.(e)
          if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Escape') look()
        }}
        onClick={(e) => {
          onClick?.(e)
          look()
        }}
      />
      <ul id={listId} role="listbox" className="mention-list" hidden={!open} aria-label={t('notifications.mentionList')} data-test="mention-list">
        {open &&
          matches.map((p, i) => (
            <li
              key={p.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault()
                pick(p)
              }}
              data-test="mention-option"
            >
              <bdi>{p.name}</bdi> <span className="muted">({p.org})</span>
            </li>
          ))}
      </ul>
    </div>
  )
}
