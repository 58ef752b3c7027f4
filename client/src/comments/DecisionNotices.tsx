import { DISPOSITION_LABEL, nameAndOrg } from '../ui/labels'
import type { DecisionNotice } from './useDecisionNotices'

/** Notices of decisions on the viewer's own comments, announced to screen readers as they arrive. */
export function DecisionNotices({ notices, onShow, onDismiss }: { notices: readonly DecisionNotice[]; onShow: (commentId: string) => void; onDismiss: (commentId: string) => void }) {
  return (
    <div className="decision-notices" role="status" aria-live="polite" data-test="decision-notices">
      {notices.map(({ commentId, resolution }) => (
        <div key={commentId} className="decision-notice card" data-test="decision-notice" data-comment-id={commentId}>
          <p>
            <strong>
              Your comment {commentId} was decided: {DISPOSITION_LABEL[resolution.disposition]}
            </strong>
            {resolution.imported ? ' (from an imported table)' : ` by ${nameAndOrg(resolution.by)}`}.
          </p>
          {resolution.note && <p className="decision-note">Observations: {resolution.note}</p>}
          <div className="form-actions">
            <button type="button" className="link-button" onClick={() => onShow(commentId)}>
              Show {commentId}
            </button>
            <button type="button" className="link-button" onClick={() => onDismiss(commentId)} aria-label={`Dismiss the notice about ${commentId}`}>
              Dismiss
            </button>
          </div>
        </div>
      ))}
    </div>
  )
}
