import { type FormEvent, useState } from 'react'
import type { Comment } from '../../../shared/types'
import { LIMITS } from '../../../shared/validation'
import { nameAndOrg } from '../ui/labels'
import { SubmitOrCancel } from '../ui/SubmitOrCancel'
import { submitOnCtrlEnter } from '../ui/submitOnCtrlEnter'

interface Props {
  /** The draft kept (the earlier one): its id, place and author stay. */
  into: Comment
  /** The draft merged into it and removed. */
  from: Comment
  busy: boolean
  onMerge: (body: string) => void
  onCancel: () => void
}

/**
 * Merging two drafts of the delegation: the later into the earlier, whose author stays first (the other
 * becomes a co-author); the wording starts as both, one after the other, for the focal point to edit.
 */
export function MergeDraftsForm({ into, from, busy, onMerge, onCancel }: Props) {
  const [body, setBody] = useState(`${into.body}\n\n${from.body}`)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    onMerge(body.trim())
  }
  return (
    <form className="merge-form" onSubmit={submit} onKeyDown={submitOnCtrlEnter} aria-label={`Merge ${from.id} into ${into.id}`} data-test="merge-form">
      <p>
        <strong>{from.id}</strong> ({nameAndOrg(from.author)}) will be merged into <strong>{into.id}</strong> ({nameAndOrg(into.author)}), the earlier
        one, and removed. Both authors are kept.
      </p>
      <label htmlFor="merge-body">Merged wording</label>
      <textarea id="merge-body" value={body} onChange={(e) => setBody(e.target.value)} rows={6} maxLength={LIMITS.commentBody} autoFocus data-test="merge-body" />
      <SubmitOrCancel label={busy ? 'Merging…' : `Merge into ${into.id}`} disabled={busy || !body.trim()} onCancel={onCancel} test="merge-confirm" />
    </form>
  )
}
