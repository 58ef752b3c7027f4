import { type FormEvent, useState } from 'react'
import { COMMENT_TYPES, type Comment, type CommentType } from '../../../shared/types'
import { LIMITS } from '../../../shared/validation'
import { TYPE_LABEL } from '../ui/labels'

/** What a new comment is attached to. */
export type ComposerTarget =
  | { kind: 'selection'; quote: string; submit: (input: ComposerInput) => Promise<Comment> }
  | { kind: 'general'; recommendations: number; submit: (input: ComposerInput & { recommendation?: number }) => Promise<Comment> }

export interface ComposerInput {
  type: CommentType
  body: string
  proposedChange?: string
}

/** The form for a new comment: type, comment and (optionally) proposed replacement wording. */
export function CommentComposer({ target, onDone }: { target: ComposerTarget; onDone: (created: Comment | null) => void }) {
  const [type, setType] = useState<CommentType>(target.kind === 'selection' ? 'editorial' : 'general')
  const [body, setBody] = useState('')
  const [proposedChange, setProposedChange] = useState(target.kind === 'selection' ? target.quote : '')
  const [recommendation, setRecommendation] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    const proposal = proposedChange.trim()
    // A proposal identical to the quoted text proposes nothing.
    const unchanged = target.kind === 'selection' && proposal === target.quote.trim()
    const input: ComposerInput = { type, body, ...(proposal && !unchanged ? { proposedChange: proposal } : {}) }
    try {
      const created =
        target.kind === 'selection'
          ? await target.submit(input)
          : await target.submit({ ...input, ...(recommendation > 0 ? { recommendation } : {}) })
      onDone(created)
    } catch (err) {
      setError((err as Error).message)
      setBusy(false)
    }
  }

  return (
    <form
      className="comment-composer card"
      onSubmit={submit}
      onKeyDown={(e) => e.key === 'Escape' && onDone(null)}
      data-test="comment-composer"
      aria-label="New comment"
    >
      <h3>{target.kind === 'selection' ? 'Comment on the selected text' : 'General comment'}</h3>
      {target.kind === 'selection' ? (
        <blockquote className="quote" data-test="composer-quote">
          {target.quote}
        </blockquote>
      ) : (
        <>
          <label htmlFor="composer-scope">About</label>
          <select id="composer-scope" value={recommendation} onChange={(e) => setRecommendation(Number(e.target.value))}>
            <option value={0}>The whole draft</option>
            {Array.from({ length: target.recommendations }, (_, i) => (
              <option key={i + 1} value={i + 1}>
                Recommendation {i + 1}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor="composer-type">Type</label>
      <select id="composer-type" value={type} onChange={(e) => setType(e.target.value as CommentType)} data-test="composer-type">
        {COMMENT_TYPES.map((t) => (
          <option key={t} value={t}>
            {TYPE_LABEL[t]}
          </option>
        ))}
      </select>
      <label htmlFor="composer-body">Comment</label>
      <textarea
        id="composer-body"
        value={body}
        onChange={(e) => setBody(e.target.value)}
        required
        maxLength={LIMITS.commentBody}
        rows={4}
        autoFocus
        data-test="composer-body"
      />
      <label htmlFor="composer-proposal">Proposed change (optional)</label>
      <textarea
        id="composer-proposal"
        value={proposedChange}
        onChange={(e) => setProposedChange(e.target.value)}
        maxLength={LIMITS.proposedChange}
        rows={3}
        placeholder="Replacement wording"
        data-test="composer-proposal"
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || body.trim() === ''} data-test="composer-submit">
          {busy ? 'Posting…' : 'Post comment'}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  )
}
