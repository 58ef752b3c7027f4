import { useId, type ReactNode } from 'react'
import type { Comment } from '../../../shared/types'
import { useLocale } from '../i18n/useLocale'

/** The heading says which kinds of thread the box holds now. */
function titleKey(comments: readonly Comment[]): string {
  const general = comments.some((c) => c.scope === 'draft')
  const unplaced = comments.some((c) => c.scope !== 'draft')
  if (general && unplaced) return 'floating.both'
  return general ? 'floating.general' : 'floating.unplaced'
}

/**
 * Threads with no passage to sit beside, above the draft: general comments on the whole draft, and
 * comments whose words were removed (or, imported, were never found).
 */
export function FloatingThreads({ comments, render }: { comments: readonly Comment[]; render: (c: Comment) => ReactNode }) {
  const { t, number } = useLocale()
  const headingId = useId()
  if (comments.length === 0) return null
  return (
    <section className="floating-threads" aria-labelledby={headingId} data-test="floating-threads">
      <h2 id={headingId} className="floating-title" data-test="floating-title">
        {t(titleKey(comments))} <span className="muted">({number(comments.length)})</span>
      </h2>
      <div className="floating-list">{comments.map(render)}</div>
    </section>
  )
}
