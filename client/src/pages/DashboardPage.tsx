import { useCallback, useEffect, useMemo, useState } from 'react'
import { allows } from '../../../shared/policy'
import { draftFacts } from '../../../shared/phases'
import type { Comment, DocumentMeta, Me } from '../../../shared/types'
import { api } from '../api/http'
import { CommentList } from '../dashboard/CommentList'
import { DelegationsSummary } from '../dashboard/DelegationsSummary'
import { DashboardCharts } from '../dashboard/DashboardCharts'
import { progressOf } from '../dashboard/dashboardStats'
import { ExportLinks } from '../dashboard/ExportLinks'
import { ImportPanel } from '../dashboard/ImportPanel'
import { ProgressSummary } from '../dashboard/ProgressSummary'
import { useRecommendationCount } from '../dashboard/useRecommendationCount'
import { useComments, useDocumentSession, useSessionState } from '../editor/useDocumentSession'
import { Link } from '../routing/Link'
import { useLivePlacements, useTextTick } from '../comments/useLivePlacements'
import { useLocale } from '../i18n/useLocale'
import { closedReasonText } from '../editor/closedReason'

/**
 * The chair's dashboard for one draft: progress, charts, the full comment list with decisions, and the
 * comment-resolution table out and in. Comments arrive over the draft's live connection, so every
 * decision taken anywhere shows here at once.
 */
export function DashboardPage({ me, documentId }: { me: Me; documentId: string }) {
  const { t } = useLocale()
  const [meta, setMeta] = useState<DocumentMeta | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const session = useDocumentSession(documentId, me.role)
  const state = useSessionState(session, (s) => s, null)
  // Locators and "text removed" as of the text now, not as of each comment's last change.
  const { comments } = useLivePlacements(session, useComments(session), useTextTick(session))
  const recommendationCount = useRecommendationCount(session)
  const role = state?.role ?? me.role
  const actor = useMemo(() => ({ ...me, role }), [me, role])
  const loaded = session?.comments.loaded ?? false
  const progress = useMemo(() => progressOf(comments), [comments])

  useEffect(() => {
    api<DocumentMeta>(`/documents/${documentId}`).then(setMeta, (err: Error) => setLoadError(err.message))
  }, [documentId])

  // The list also comes over REST, so the page fills even before (or without) the live connection;
  // the store keeps whichever copy of a comment is newer.
  useEffect(() => {
    if (!session) return
    const controller = new AbortController()
    api<Comment[]>(`/documents/${documentId}/comments`, { signal: controller.signal }).then(
      (list) => session.comments.apply({ kind: 'snapshot', comments: list }),
      (err: Error) => {
        if (err.name !== 'AbortError' && !session.comments.loaded) setLoadError(err.message)
      },
    )
    return () => controller.abort()
  }, [session, documentId])

  const upsert = useCallback((c: Comment) => session?.comments.upsert(c), [session])
  const addCreated = useCallback(
    (created: Comment[]) => session?.comments.apply({ kind: 'upsert', comments: created }),
    [session],
  )

  if (loadError) {
    return (
      <div className="page narrow" role="alert">
        <h1>{t('dashboard.cannotOpen')}</h1>
        <p>{loadError}</p>
        <Link href="/">{t('common.backToDrafts')}</Link>
      </div>
    )
  }

  return (
    <div className="page dashboard-page" data-test="dashboard">
      <header className="dashboard-head">
        <div>
          <p className="dashboard-kicker">
            {t('dashboard.kicker')}
            {meta?.phase ? ` · ${t(`phase.${meta.phase}`)}${meta.round && meta.round > 1 ? `, ${t('phases.roundN', { round: meta.round })}` : ''}` : ''}
          </p>
          <h1 data-test="draft-title" dir="auto">
            {meta?.title ?? t('app.loading')}
          </h1>
        </div>
        <div className="thread-actions">
          <Link href={`/d/${documentId}/changes`} className="button-link" data-test="open-changes">
            {t('changes.heading')}
          </Link>
          <Link href={`/d/${documentId}`} className="button-link" data-test="open-draft">
            {t('dashboard.openDraft')}
          </Link>
        </div>
      </header>
      {state?.connection === 'closed' ? (
        <p className="notice" role="alert">
          {state.closedReason ? t('dashboard.closedBecause', { reason: closedReasonText(t, state.closedReason) }) : t('dashboard.closed')}
        </p>
      ) : (
        state?.connection === 'offline' && (
          <p className="notice" role="status">
            {t('dashboard.reconnecting')}
          </p>
        )
      )}
      {!loaded ? (
        <p className="loading-state" role="status" data-test="dashboard-loading">
          {t('dashboard.loadingComments')}
        </p>
      ) : (
        <>
          <div className="dashboard-top">
            <ProgressSummary progress={progress} />
            <ExportLinks documentId={documentId} />
          </div>
          {meta && allows(actor, 'participants.manage') && <DelegationsSummary comments={comments} round={draftFacts(meta).round} />}
          <DashboardCharts comments={comments} recommendationCount={recommendationCount} />
          {allows(actor, 'comment.import') && <ImportPanel documentId={documentId} onCreated={addCreated} />}
          <CommentList
            comments={comments}
            recommendationCount={recommendationCount}
            documentId={documentId}
            canResolve={allows(actor, 'comment.decide')}
            onUpdated={upsert}
          />
        </>
      )}
    </div>
  )
}
