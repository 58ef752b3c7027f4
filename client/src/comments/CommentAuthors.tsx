import { Fragment } from 'react'
import type { Comment } from '../../../shared/types'
import { PersonTag } from '../ui/PersonTag'

/** Who wrote a comment: its author, and the delegates whose drafts a focal point merged into it. */
export function CommentAuthors({ comment }: { comment: Pick<Comment, 'author' | 'coAuthors'> }) {
  const { author, coAuthors = [] } = comment
  return (
    <span className="comment-authors" data-test="comment-authors">
      <PersonTag name={author.name} org={author.org} />
      {coAuthors.map((p, i) => (
        <Fragment key={p.id}>
          <span className="muted">{i === 0 ? ' with ' : ', '}</span>
          <PersonTag name={p.name} org={p.org} />
        </Fragment>
      ))}
    </span>
  )
}
