import { type FormEvent, useState } from 'react'
import type { Comment } from '../../../shared/types'
import { LIMITS } from '../../../shared/validation'
import { Trans } from 'react-i18next'
import { useLocale } from '../i18n/useLocale'
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
  const { t } = useLocale()
  const [body, setBody] = useState(`${into.body}\n\n${from.body}`)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    onMerge(body.trim())
  }
  return (
    <form className="merge-form" onSubmit={submit} onKeyDown={submitOnCtrlEnter} aria-label={t('delegation.mergeLabel', { from: from.id, into: into.id })} data-test="merge-form">
      <p>
        <Trans
          i18nKey="delegation.mergeExplained"
          values={{ from: from.id, fromAuthor: nameAndOrg(from.author), into: into.id, intoAuthor: nameAndOrg(into.author) }}
          components={{ b: <strong /> }}
        />
      </p>
      <label htmlFor="merge-body">{t('delegation.mergedWording')}</label>
      <textarea id="merge-body" dir="auto" value={body} onChange={(e) => setBody(e.target.value)} rows={6} maxLength={LIMITS.commentBody} autoFocus data-test="merge-body" />
      <SubmitOrCancel label={busy ? t('delegation.merging') : t('delegation.mergeInto', { id: into.id })} disabled={busy || !body.trim()} onCancel={onCancel} test="merge-confirm" />
    </form>
  )
}
