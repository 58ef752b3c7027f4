import { useState } from 'react'
import { commentApi } from '../comments/commentApi'
import { AlternativesChoice, alternativeNote } from './AlternativesChoice'
import { RejectForm } from './RejectForm'
import { proposalBase } from '../../../shared/draft/proposals'
import { allows, commentFacts } from '../../../shared/policy'
import type { Comment, Me } from '../../../shared/types'
import { useLocale } from '../i18n/useLocale'
import { nameAndOrg } from '../ui/labels'
import { ApplyPreviewPanel } from './ApplyPreviewPanel'
import type { ApplyPreview, ProposalActions } from './useProposalActions'

interface Props {
  comment: Comment
  me: Me
  documentId: string
  /** Present in the editor, where applying is the person's own edit. */
  proposals: ProposalActions | null
  onUpdated: (c: Comment) => void
}

/**
 * A comment's proposed change: the wording, whether it is outdated, whether and how it was applied,
 * and for editors and chairs Apply (with a preview of the words now and after) and Revert.
 */
export function ProposalBlock({ comment: c, me, documentId, proposals, onUpdated }: Props) {
  const { t, dateTime } = useLocale()
  const [preview, setPreview] = useState<ApplyPreview | null>(null)
  const [rejecting, setRejecting] = useState(false)
  // The alternatives shown with the preview, and those to decide as Not accepted in the same step.
  const [alternatives, setAlternatives] = useState<Comment[]>([])
  const [decideAlso, setDecideAlso] = useState<Set<string>>(new Set())
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const onThis = { comment: commentFacts(c) }
  // Applied words taken out again (Ctrl+Z, or edited away) leave the proposal to apply once more.
  const appliedGone = proposals !== null && c.applied !== undefined && !proposals.appliedInText(c)
  const canApply = proposals && allows(me, 'comment.apply', onThis) && (!c.applied || appliedGone) && c.status === 'open' && c.anchorState === 'anchored'
  const canRevert = proposals && c.applied && allows(me, 'comment.revert', onThis) && proposals.canRevert(c)
  const canReject = !c.applied && c.status === 'open' && allows(me, 'comment.decide', onThis)

  const openPreview = () => {
    if (!proposals) return
    const others = proposals.alternativesOf(c)
    // Offered, not imposed: the chair ticks the alternatives to decide now (they may still be wanted elsewhere).
    setAlternatives(allows(me, 'comment.decide', onThis) ? others : [])
    setDecideAlso(new Set())
    setPreview(proposals.preview(c))
  }

  /** Applies, then decides the alternatives ticked: the words are in, so they no longer fit. */
  const applyWithAlternatives = async (shown: ApplyPreview): Promise<Comment | ApplyPreview> => {
    const result = await proposals!.apply(c, shown)
    if ('rev' in result) {
      for (const id of decideAlso) onUpdated(await commentApi.resolve(documentId, id, 'not-accepted', alternativeNote(t, c.id)))
    }
    return result
  }

  const act = async (fn: () => Promise<Comment | ApplyPreview>) => {
    setBusy(true)
    setError(null)
    try {
      const result = await fn()
      if ('rev' in result) {
        onUpdated(result)
        setPreview(null)
      } else setPreview(result)
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="proposal" onClick={(e) => e.stopPropagation()}>
      <span className="label">{t('proposals.proposedChange')}</span>
      <p data-test="comment-proposal" dir="auto">
        {c.proposedChange || t('proposals.deleteText')}
      </p>
      {c.outdated && (
        <p className="outdated-note" data-test="comment-outdated">
          {t('proposals.outdated', { base: proposalBase(c) })}
        </p>
      )}
      {c.applied && (
        <p className="muted" data-test="comment-applied">
          {t('proposals.appliedBy', { who: nameAndOrg(c.applied.by), date: dateTime(c.applied.at) })}
          {c.applied.before !== undefined && ` ${t('proposals.became', { before: c.applied.before, after: c.applied.after })}`}
          {appliedGone && t('proposals.gone')}
        </p>
      )}
      {preview ? (
        <ApplyPreviewPanel
          commentId={c.id}
          preview={preview}
          busy={busy}
          onConfirm={() => proposals && void act(() => applyWithAlternatives(preview))}
          onCancel={() => setPreview(null)}
        >
          <AlternativesChoice accepted={c.id} alternatives={alternatives} chosen={decideAlso} onChange={setDecideAlso} />
        </ApplyPreviewPanel>
      ) : rejecting ? (
        <RejectForm
          commentId={c.id}
          onReject={(reason) => commentApi.resolve(documentId, c.id, 'not-accepted', reason).then(onUpdated)}
          onCancel={() => setRejecting(false)}
        />
      ) : (
        (canApply || canRevert || canReject) && (
          <div className="thread-actions">
            {canApply && (
              <button className="link-button" disabled={busy} onClick={openPreview} data-test="apply-button">
                {t('proposals.accept')}
              </button>
            )}
            {canReject && (
              <button className="link-button" disabled={busy} onClick={() => setRejecting(true)} data-test="reject-button">
                {t('proposals.reject')}
              </button>
            )}
            {canRevert && (
              <button className="link-button" disabled={busy} onClick={() => void act(() => proposals.revert(c))} data-test="revert-button">
                {t('proposals.revert')}
              </button>
            )}
          </div>
        )
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
