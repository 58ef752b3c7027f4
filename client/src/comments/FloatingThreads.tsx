import { useId, type ReactNode } from 'react'
import type { Comment } from '../../../shared/types'

/** The heading says which kinds of thread the box holds now. */
function titleFor(comments: readonly Comment[]): string {
  const general = comments.some((c) => c.scope === 'draft')
  const unplaced = comments.some((c) => c.scope !== 'draft')
  if (general && unplaced) return 'General comments, and comments whose words are not in the draft'
  return general ? 'General comments' : 'Comments whose words are not in the draft'
}

/**
 * Threads with no passage to sit beside, above the draft: general comments on the whole draft, and
 * comments whose words were removed (or, imported, were never found).
 */
export function FloatingThreads({ comments, render }: { comments: readonly Comment[]; render: (c: Comment) => ReactNode }) {
  const headingId = useId()
  if (comments.length === 0) return null
  return (
    <section className="floating-threads" aria-labelledby={headingId} data-test="floating-threads">
      <h2 id={headingId} className="floating-title" data-test="floating-title">
        {titleFor(comments)} <span className="muted">({comments.length})</span>
      </h2>
      <div className="floating-list">{comments.map(render)}</div>
    </section>
  )
}
