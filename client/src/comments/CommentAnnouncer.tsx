import { useEffect, useRef, useState } from 'react'
import type { Comment, Me } from '../../../shared/types'
import { useLocale } from '../i18n/useLocale'
import type { CommentsStore } from './CommentsStore'

/**
 * Says to screen readers what others do while the draft is open: a new comment (by whom, where) and a
 * decision on any comment. Comments already there when the window opened are not announced; one's own
 * actions are not either (their buttons already answered). A polite live region, read when the reader pauses.
 */
export function CommentAnnouncer({ store, me }: { store: CommentsStore | null; me: Pick<Me, 'id'> }) {
  const { t, place } = useLocale()
  const [message, setMessage] = useState('')
  // Each comment's status as last seen; unknown until the first snapshot has arrived.
  const seen = useRef<Map<string, Comment['status']> | null>(null)
  const words = useRef({ t, place })
  words.current = { t, place }
  useEffect(() => {
    if (!store) return
    const check = () => {
      if (!store.loaded) return
      const known = seen.current
      const lines: string[] = []
      const next = new Map<string, Comment['status']>()
      for (const c of store.all) {
        next.set(c.id, c.status)
        if (!known || c.author.id === me.id) continue
        const before = known.get(c.id)
        const { t: say, place: where } = words.current
        if (before === undefined) lines.push(say('announce.newComment', { id: c.id, name: c.author.name, org: c.author.org, place: where(c.place) }))
        else if (before !== 'resolved' && c.status === 'resolved' && c.resolution && c.resolution.by.id !== me.id) {
          lines.push(say('announce.decided', { id: c.id, disposition: say(`disposition.${c.resolution.disposition}`) }))
        }
      }
      seen.current = next
      if (lines.length > 0) setMessage(lines.join(' '))
    }
    check()
    return store.subscribe(check)
  }, [store, me.id])
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-test="comment-announcer">
      {message}
    </div>
  )
}
