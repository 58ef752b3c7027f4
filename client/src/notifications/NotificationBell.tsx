import { useEffect, useId, useRef, useState } from 'react'
import { type NotificationItem, threadPath } from '../../../shared/notifications'
import { notificationHeadline } from '../../../shared/notificationText'
import { type Locale, useLocale } from '../i18n/useLocale'
import { Link } from '../routing/Link'
import { useNotifications } from './useNotifications'

/** The reader's own time zone, for deadlines in the list. */
const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone

/** What happened, in the reader's language. */
const headline = ({ t, language }: Locale, item: NotificationItem) => notificationHeadline(item.facts, localZone, language, t)

function Entry({ item, onOpen }: { item: NotificationItem; onOpen: () => void }) {
  const locale = useLocale()
  return (
    <li className={item.read ? 'notification read' : 'notification unread'} data-test="notification-item" data-kind={item.facts.kind}>
      <Link href={threadPath(item.documentId, item.commentId)} onClick={onOpen} data-test="notification-link">
        <span className="notification-headline" dir="auto">
          {headline(locale, item)}
        </span>
        <span className="notification-meta">
          <bdi>{item.documentTitle}</bdi> · <time dateTime={item.createdAt}>{locale.dateTime(item.createdAt)}</time>
          {!item.read && <span className="visually-hidden"> {locale.t('notifications.unread')}</span>}
        </span>
      </Link>
    </li>
  )
}

/**
 * The header's bell: the unread count on a button that opens the list; each entry links to its thread and
 * is marked read when opened. New entries are announced to screen readers (aria-live).
 */
export function NotificationBell() {
  const locale = useLocale()
  const { t } = locale
  const { list, markRead } = useNotifications()
  const [open, setOpen] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const panelId = useId()
  const root = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const seen = useRef<Set<string> | null>(null)
  const unread = list?.unread ?? 0

  useEffect(() => {
    if (!list) return
    const fresh = list.items.filter((i) => !i.read && seen.current !== null && !seen.current.has(i.id))
    seen.current = new Set(list.items.map((i) => i.id))
    if (fresh.length === 0) return
    const first = headline(locale, fresh[0]!)
    setAnnouncement(fresh.length > 1 ? t('notifications.announceMore', { headline: first, count: fresh.length - 1 }) : t('notifications.announce', { headline: first }))
  }, [list, locale, t])

  useEffect(() => {
    if (!open) return
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !root.current?.contains(e.target as Node)) {
        setOpen(false)
        if (e instanceof KeyboardEvent) button.current?.focus()
      }
    }
    document.addEventListener('mousedown', close)
    document.addEventListener('keydown', close)
    return () => {
      document.removeEventListener('mousedown', close)
      document.removeEventListener('keydown', close)
    }
  }, [open])

  return (
    <div className="notification-bell" ref={root}>
      <button
        ref={button}
        className="bell-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.heading')}
        onClick={() => setOpen((o) => !o)}
        data-test="notification-bell"
      >
        <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="currentColor">
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
        </svg>
        {unread > 0 && (
          <span className="bell-count" data-test="notification-count">
            {unread > 99 ? t('notifications.manyUnread', { count: locale.number(99) }) : locale.number(unread)}
          </span>
        )}
      </button>
      <div className="visually-hidden" aria-live="polite" data-test="notification-announcement">
        {announcement}
      </div>
      {open && (
        <div className="notification-panel card" id={panelId} role="region" aria-label={t('notifications.heading')} data-test="notification-panel">
          <div className="notification-panel-head">
            <h2>{t('notifications.heading')}</h2>
            {unread > 0 && (
              <button className="link-button" onClick={() => void markRead()} data-test="notification-mark-all">
                {t('notifications.markAll')}
              </button>
            )}
          </div>
          {list && list.items.length > 0 ? (
            <ul className="notification-list">
              {list.items.map((item) => (
                <Entry
                  key={item.id}
                  item={item}
                  onOpen={() => {
                    setOpen(false)
                    if (!item.read) void markRead([item.id])
                  }}
                />
              ))}
            </ul>
          ) : (
            <p className="muted">{t('notifications.empty')}</p>
          )}
          <p className="notification-panel-foot">
            <Link href="/settings" onClick={() => setOpen(false)}>
              {t('notifications.settingsLink')}
            </Link>
          </p>
        </div>
      )}
    </div>
  )
}
