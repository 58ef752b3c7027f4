import type { Editor } from '@tiptap/react'
import { useMemo, useRef } from 'react'
import { type PositionIndex, buildPositionIndex } from '../../../shared/draft/positionIndex'
import { resolveCommentRange } from '../../../shared/draft/anchors'
import { type ApplyPlan, appliedWordsInText, planApply, planRevert } from '../../../shared/draft/proposals'
import { codedErrorText } from '../../../shared/i18n/errorText'
import { useLocale } from '../i18n/useLocale'
import type { Comment } from '../../../shared/types'
import { commentApi } from '../comments/commentApi'
import type { DocumentSession } from '../editor/DocumentSession'
import { performReplacement } from './performReplacement'

/** What applying a proposal would do now, or why it cannot be applied. */
export type ApplyPreview = { ok: true; before: string; after: string; outdated: boolean } | { ok: false; message: string }

/** Applying and reverting proposals in the editor, as the person's own undoable edits. */
export interface ProposalActions {
  preview(c: Comment): ApplyPreview
  /** Applies what `shown` previewed; if the words changed meanwhile, returns the new preview instead. */
  apply(c: Comment, shown: ApplyPreview): Promise<Comment | ApplyPreview>
  /** Whether an applied comment's words are still in the text as they were put in (else: undone or edited since). */
  appliedInText(c: Comment): boolean
  /** Whether Revert can put the old words back (the applied ones are unchanged, and the old ones recorded). */
  canRevert(c: Comment): boolean
  revert(c: Comment): Promise<Comment>
  /** Other open proposals on words that overlap this one's: accepting one makes the others outdated. */
  alternativesOf(c: Comment): Comment[]
}

const samePreview = (a: ApplyPreview, b: ApplyPreview) => a.ok && b.ok && a.before === b.before && a.after === b.after

/**
 * The editor's proposal actions. Plans are made against the draft as this window has it (the same
 * rules as the server's REST apply: shared/draft/proposals.ts); the edit is made here, then recorded.
 */
export function useProposalActions(
  editor: Editor | null,
  session: DocumentSession | null,
  documentId: string,
  comments: readonly Comment[],
  /** Changes whenever the text may have changed. */
  textTick: number,
): ProposalActions | null {
  const commentsRef = useRef(comments)
  commentsRef.current = comments
  const { t, language } = useLocale()
  return useMemo(() => {
    const messageOf = (denial: Parameters<typeof codedErrorText>[2]) => codedErrorText(t, language, denial)
    if (!editor || !session) return null
    // One index per settled text (`textTick`) for the many `canRevert` checks; a fresh one for anything that edits.
    const settled: { tick: number; index: PositionIndex | null } = { tick: textTick, index: null }
    const settledIndex = () => (settled.index ??= buildPositionIndex(session.fragment))
    const plan = (c: Comment, index: PositionIndex): ApplyPlan => planApply(index, session.doc, c, commentsRef.current)
    const toPreview = (p: ApplyPlan): ApplyPreview =>
      p.ok ? { ok: true, before: p.plan.before, after: p.plan.after, outdated: p.plan.outdated } : { ok: false, message: messageOf(p) }
    return {
      preview: (c) => toPreview(plan(c, buildPositionIndex(session.fragment))),
      async apply(c, shown) {
        const now = plan(c, buildPositionIndex(session.fragment))
        if (!now.ok || !samePreview(toPreview(now), shown)) return toPreview(now)
        const performed = performReplacement(editor, session, now.plan)
        return commentApi.apply(documentId, c.id, { confirm: now.plan.outdated, performed })
      },
      appliedInText: (c) => appliedWordsInText(settledIndex(), session.doc, c) !== null,
      canRevert: (c) => planRevert(settledIndex(), session.doc, c, commentsRef.current).ok,
      alternativesOf(c) {
        const index = settledIndex()
        const rangeOf = (x: Comment) => resolveCommentRange(index, session.doc, x.anchors)?.range ?? null
        const mine = rangeOf(c)
        if (!mine) return []
        return commentsRef.current.filter((o) => {
          if (o.id === c.id || o.status !== 'open' || o.scope !== 'text' || o.proposedChange === undefined || o.applied) return false
          const r = rangeOf(o)
          return r !== null && r.from < mine.to && mine.from < r.to
        })
      },
      async revert(c) {
        const p = planRevert(buildPositionIndex(session.fragment), session.doc, c, commentsRef.current)
        if (!p.ok) throw new Error(messageOf(p))
        return commentApi.revert(documentId, c.id, { performed: performReplacement(editor, session, p.plan) })
      },
    }
  }, [editor, session, documentId, textTick, t, language])
}
