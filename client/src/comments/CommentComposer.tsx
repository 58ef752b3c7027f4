import { type FormEvent, useEffect, useRef, useState } from 'react'
import { COMMENT_TYPES, type Comment, type CommentType } from '../../../shared/types'
import { LIMITS, type QuoteAnchor } from '../../../shared/validation'
import { useLocale } from '../i18n/useLocale'
import { submitOnCtrlEnter } from '../ui/submitOnCtrlEnter'
import { MentionTextarea } from '../notifications/MentionTextarea'

/** What a new comment is attached to. */
export type ComposerTarget =
  /** `proposedChange` prefills the proposal (a suggestion typed in the text, whose explanation is optional). */
  | { kind: 'selection'; quote: string; proposedChange?: string; suggestion?: boolean; submit: (input: ComposerInput) => Promise<Comment> }
  /** General (on the draft or one recommendation), or on words typed or pasted instead of selected. */
  | {
      kind: 'general' | 'wording'
      recommendations: number
      initialRecommendation?: number
      submit: (input: ComposerInput & { recommendation?: number; anchor?: QuoteAnchor }) => Promise<Comment>
    }

export interface ComposerInput {
  type: CommentType
  body: string
  proposedChange?: string
  /** A focal point keeps the comment as a draft of the delegation instead of submitting it at once. */
  saveAsDraft?: boolean
}

interface Props {
  target: ComposerTarget
  onDone: (created: Comment | null) => void
  /** A focal point may keep a comment as a draft of their delegation (a second button). */
  canSaveAsDraft?: boolean
  /** The comment will be a draft of the delegation, for its focal point to submit (said before posting). */
  becomesDraft?: boolean
}

/** The form for a new comment: type, comment and (optionally) proposed replacement wording. */
export function CommentComposer({ target, onDone, canSaveAsDraft = false, becomesDraft = false }: Props) {
  const { t } = useLocale()
  const [type, setType] = useState<CommentType>(target.kind === 'general' ? 'general' : 'editorial')
  const [body, setBody] = useState('')
  const [proposedChange, setProposedChange] = useState(target.kind === 'selection' ? (target.proposedChange ?? target.quote) : '')
  const suggestion = target.kind === 'selection' && target.suggestion === true
  // 1-based; 0 is the whole draft. Starts at the recommendation the caret was in, if any.
  const [recommendation, setRecommendation] = useState(target.kind === 'selection' ? 0 : (target.initialRecommendation ?? 0))
  const [wording, setWording] = useState('')
  const [error, setError] = useState<string | null>(null)
  // Which button is posting: the form's own submit, or "Save as draft".
  const [posting, setPosting] = useState<'post' | 'draft' | null>(null)
  const busy = posting !== null

  // Escape cancels from inside the form, and also when focus was dropped (a button disabled while
  // posting leaves nothing focused), but not when it was meant for something else on the page.
  const formRef = useRef<HTMLFormElement>(null)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const focus = document.activeElement
      const ours = focus === null || focus === document.body || formRef.current?.contains(focus)
      if (e.key === 'Escape' && !busy && ours) onDone(null)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [busy, onDone])

  const post = async (asDraft: boolean) => {
    setPosting(asDraft ? 'draft' : 'post')
    setError(null)
    const proposal = proposedChange.trim()
    // A proposal identical to the quoted text proposes nothing.
    const unchanged = target.kind === 'selection' && proposal === target.quote.trim()
    // A suggestion's empty wording proposes deleting the words; a plain comment's means no proposal.
    const proposes = suggestion ? !unchanged : proposal !== '' && !unchanged
    const input: ComposerInput = { type, body, ...(proposes ? { proposedChange: proposal } : {}), ...(asDraft ? { saveAsDraft: true } : {}) }
    try {
      // The API's own words for a place (not the reader's language): "within" is read by the server.
      const within = recommendation > 0 ? { within: `Recommendation ${recommendation}` } : {}
      const created =
        target.kind === 'selection'
          ? await target.submit(input)
          : target.kind === 'wording'
            ? await target.submit({ ...input, anchor: { quote: wording.trim(), ...within } })
            : await target.submit({ ...input, ...(recommendation > 0 ? { recommendation } : {}) })
      onDone(created)
    } catch (err) {
      setError((err as Error).message)
      setPosting(null)
    }
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void post(false)
  }
  // A suggestion speaks for itself: its explanation is optional, its wording is not.
  const incomplete = suggestion
    ? target.kind === 'selection' && proposedChange.trim() === target.quote.trim()
    : body.trim() === '' || (target.kind === 'wording' && wording.trim() === '')

  return (
    <form
      ref={formRef}
      className="comment-composer card"
      onSubmit={submit}
      onKeyDown={submitOnCtrlEnter}
      data-test="comment-composer"
      aria-label={t('composer.label')}
    >
      <h3>{suggestion ? t('composer.titleSuggestion') : t(`composer.title.${target.kind}`)}</h3>
      {target.kind === 'selection' ? (
        <blockquote className="quote" dir="auto" data-test="composer-quote">
          {target.quote}
        </blockquote>
      ) : (
        <>
          {target.kind === 'wording' && (
            <>
              <label htmlFor="composer-wording">{t('composer.wording')}</label>
              <textarea
                id="composer-wording"
                value={wording}
                onChange={(e) => setWording(e.target.value)}
                required
                rows={2}
                autoFocus
                dir="auto"
                placeholder={t('composer.wordingPlaceholder')}
                data-test="composer-wording"
              />
            </>
          )}
          <label htmlFor="composer-scope">{target.kind === 'wording' ? t('composer.lookIn') : t('composer.about')}</label>
          <select id="composer-scope" value={recommendation} onChange={(e) => setRecommendation(Number(e.target.value))} data-test="composer-scope">
            <option value={0}>{t('composer.wholeDraft')}</option>
            {Array.from({ length: target.recommendations }, (_, i) => (
              <option key={i + 1} value={i + 1}>
                {t('place.recommendation', { number: i + 1 })}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor="composer-type">{t('composer.type')}</label>
      <select id="composer-type" value={type} onChange={(e) => setType(e.target.value as CommentType)} data-test="composer-type">
        {COMMENT_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`commentType.${type}`)}
          </option>
        ))}
      </select>
      <label htmlFor="composer-body">{suggestion ? t('composer.why') : t('composer.comment')}</label>
      <MentionTextarea
        id="composer-body"
        value={body}
        onChange={(e) => setBody(e.target.value)}
        required={!suggestion}
        maxLength={LIMITS.commentBody}
        rows={4}
        dir="auto"
        autoFocus={target.kind !== 'wording'}
        data-test="composer-body"
      />
      <label htmlFor="composer-proposal">{suggestion ? t('composer.proposedWording') : t('composer.proposedChange')}</label>
      <textarea
        id="composer-proposal"
        value={proposedChange}
        onChange={(e) => setProposedChange(e.target.value)}
        maxLength={LIMITS.proposedChange}
        rows={3}
        dir="auto"
        placeholder={t('composer.replacement')}
        data-test="composer-proposal"
      />
      {becomesDraft && (
        <p className="composer-hint" data-test="composer-draft-hint">
          {t('composer.draftHint')}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || incomplete} data-test="composer-submit">
          {posting === 'post' ? t('composer.posting') : suggestion ? t('composer.postSuggestion') : t('composer.post')}
        </button>
        {canSaveAsDraft && (
          <button type="button" disabled={busy || incomplete} onClick={() => void post(true)} data-test="composer-save-draft">
            {posting === 'draft' ? t('composer.saving') : t('composer.saveAsDraft')}
          </button>
        )}
        <button type="button" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  )
}
