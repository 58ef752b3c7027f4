import { type FormEvent, useState } from 'react'
import { COMMENT_TYPES, type Comment, type CommentType } from '../../../shared/types'
import { LIMITS } from '../../../shared/validation'
import { useLocale } from '../i18n/useLocale'
import { SubmitOrCancel } from '../ui/SubmitOrCancel'
import { submitOnCtrlEnter } from '../ui/submitOnCtrlEnter'

/** What an author may change on their open comment (only what changed is sent). */
export interface CommentEdit {
  type?: CommentType
  body?: string
  proposedChange?: string
}

/**
 * The author's form for their own open comment: type, comment and proposed change. Emptying the
 * proposed change withdraws the proposal.
 */
export function CommentEditForm({ comment: c, busy, onSave, onCancel }: {
  comment: Comment
  busy: boolean
  onSave: (edit: CommentEdit) => void
  onCancel: () => void
}) {
  const { t } = useLocale()
  const [type, setType] = useState<CommentType>(c.type)
  const [body, setBody] = useState(c.body)
  const [proposal, setProposal] = useState(c.proposedChange ?? '')
  const id = (field: string) => `edit-${c.id}-${field}`

  const changes: CommentEdit = {
    ...(type !== c.type ? { type } : {}),
    ...(body.trim() !== c.body ? { body: body.trim() } : {}),
    ...(proposal.trim() !== (c.proposedChange ?? '') ? { proposedChange: proposal.trim() } : {}),
  }
  const changed = Object.keys(changes).length > 0

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (changed) onSave(changes)
    else onCancel()
  }

  return (
    <form
      onSubmit={submit}
      className="thread-form edit-form"
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel()
        else submitOnCtrlEnter(e)
      }}
      data-test="edit-form"
    >
      <label htmlFor={id('type')}>{t('composer.type')}</label>
      <select id={id('type')} value={type} onChange={(e) => setType(e.target.value as CommentType)} data-test="edit-type">
        {COMMENT_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`commentType.${type}`)}
          </option>
        ))}
      </select>
      <label htmlFor={id('body')}>{t('composer.comment')}</label>
      <textarea id={id('body')} dir="auto" value={body} onChange={(e) => setBody(e.target.value)} rows={4} maxLength={LIMITS.commentBody} autoFocus data-test="edit-body" />
      <label htmlFor={id('proposal')}>{t('composer.proposedChange')}</label>
      <textarea
        id={id('proposal')}
        value={proposal}
        onChange={(e) => setProposal(e.target.value)}
        rows={3}
        maxLength={LIMITS.proposedChange}
        dir="auto"
        placeholder={t('editForm.placeholder')}
        data-test="edit-proposal"
      />
      <SubmitOrCancel label={changed ? t('common.save') : t('common.done')} disabled={busy || !body.trim()} onCancel={onCancel} test="edit-save" />
    </form>
  )
}
