import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Editor } from '@tiptap/react'
import { allows } from '../../../shared/policy'
import type { Comment, Me } from '../../../shared/types'
import { commentApi } from '../comments/commentApi'
import { CommentComposer, type ComposerTarget } from '../comments/CommentComposer'
import { CommentFilters } from '../comments/CommentFilters'
import { DEFAULT_FILTER, matchesFilter, type CommentFilter } from '../comments/commentFilters'
import { refreshHighlights } from '../comments/commentHighlights'
import type { HighlightSource } from '../comments/highlightSource'
import { CommentSidebar } from '../comments/CommentSidebar'
import { CommentThread } from '../comments/CommentThread'
import { FloatingThreads } from '../comments/FloatingThreads'
import { usePrintNotes } from '../comments/printNotesWidgets'
import { useLivePlacements, useTextTick } from '../comments/useLivePlacements'
import { anchorSelection, selectedRange } from '../comments/selection'
import { useComposers } from '../comments/useComposers'
import { DraftEditor } from '../editor/DraftEditor'
import { PresenceList } from '../editor/PresenceList'
import { ReadOnlyHint } from '../editor/ReadOnlyHint'
import { draftFacts } from '../../../shared/phases'
import { PhaseBanner } from '../phases/PhaseBanner'
import { PhaseControls } from '../phases/PhaseControls'
import { useDraftMeta } from '../phases/useDraftMeta'
import { useNow } from '../phases/useNow'
import { StatusBar } from '../editor/StatusBar'
import { Toolbar } from '../editor/Toolbar'
import { useComments, useDocumentSession, useSessionState } from '../editor/useDocumentSession'
import { DecisionNotices } from '../comments/DecisionNotices'
import { useDecisionNotices } from '../comments/useDecisionNotices'
import { useProposalActions } from '../proposals/useProposalActions'
import { useThreadPositions } from '../comments/useThreadPositions'
import { VersionsPanel } from '../versions/VersionsPanel'
import { useDraftHistory } from '../editor/useDraftHistory'
import { Link } from '../routing/Link'
import { setProposalsVisible } from '../suggesting/proposalMarks'
import { SuggestionBar } from '../suggesting/SuggestionBar'
import { useSuggesting } from '../suggesting/useSuggesting'
import { DelegationDraftsPanel } from '../delegation/DelegationDraftsPanel'
import { commentsBecomeDrafts, delegationDrafts } from '../delegation/delegationDrafts'
import { useLocale } from '../i18n/useLocale'
import { CommentAnnouncer } from '../comments/CommentAnnouncer'
import { commentAtCaret } from '../comments/commentAtCaret'

/** How long a passage flashes after its thread is clicked (ms). */
const FLASH_MS = 1200

/** The draft editor with its toolbar, who-is-here list, comment threads and composer. */
export function EditorPage({
  me,
  documentId,
  focusCommentId,
  onRoleChanged,
}: {
  me: Me
  documentId: string
  focusCommentId?: string
  /** The server changed this person's role while the draft was open (the header must follow). */
  onRoleChanged: () => void
}) {
  const locale = useLocale()
  const { t } = locale
  const session = useDocumentSession(documentId, me.role)
  const { meta, error: loadError, changed: metaChanged } = useDraftMeta(documentId, session)
  const draft = useMemo(() => (meta ? draftFacts(meta) : null), [meta])
  const deadline = draft?.phase === 'consultation' && draft.consultation ? Date.parse(draft.consultation.deadline) : undefined
  const now = useNow(deadline !== undefined && deadline > Date.now(), 1000, deadline)
  const context = useMemo(() => ({ now, ...(draft ? { draft } : {}) }), [now, draft])
  const storedComments = useComments(session)
  const [editor, setEditor] = useState<Editor | null>(null)
  const history = useDraftHistory(editor, session)
  const [filter, setFilter] = useState<CommentFilter>(DEFAULT_FILTER)
  const [activeId, setActiveId] = useState<string | null>(focusCommentId ?? null)
  const [composer, setComposer] = useState<ComposerTarget | null>(null)
  const [showVersions, setShowVersions] = useState(false)
  const [showDrafts, setShowDrafts] = useState(false)
  const draftsButton = useRef<HTMLButtonElement>(null)
  // Said once a comment came back as a delegation's draft: it is not before the committee yet.
  const [draftNotice, setDraftNotice] = useState<string | null>(null)
  const columnRef = useRef<HTMLDivElement>(null)
  // Comments are placed against the text once it settles (typing pauses, or at least every second).
  const textTick = useTextTick(session)
  const { placements, comments } = useLivePlacements(session, storedComments, textTick)
  const proposals = useProposalActions(editor, session, documentId, comments, textTick)
  const decisions = useDecisionNotices(session?.comments ?? null, me)
  usePrintNotes(editor, comments, placements, locale)

  const role = useSessionState(session, (s) => s.role, me.role)
  const connection = useSessionState(session, (s) => s.connection, 'connecting')
  const currentMe = useMemo(() => ({ ...me, role }), [me, role])
  useEffect(() => {
    if (role !== me.role) onRoleChanged()
  }, [role, me.role, onRoleChanged])
  const canEdit = allows(currentMe, 'text.edit', context) && connection !== 'closed'
  const canComment = allows(currentMe, 'comment.create', context) && connection !== 'closed'
  // A focal point (national consolidation): keeps comments as drafts, submits and merges the delegation's.
  const speaksForDelegation = allows(currentMe, 'comment.submit')
  const suggesting = useSuggesting(editor, session, documentId, me.id)
  const suggestingOn = suggesting.state.on
  // Suggesting ends when commenting does (the deadline passed, the role changed): nothing more to post.
  useEffect(() => {
    if (suggestingOn && !canComment) suggesting.toggle(false)
  }, [suggestingOn, canComment, suggesting])
  const [proposalsShown, setProposalsShown] = useState(true)
  useEffect(() => {
    if (editor) setProposalsVisible(editor.view, proposalsShown)
  }, [editor, proposalsShown])
  // The pending suggestion being posted (removed from the pending ones once it is a comment).
  const postingSuggestion = useRef<number | null>(null)
  const postSuggestion = (index: number) => {
    const ready = suggesting.toPost(index)
    if (!ready) return
    postingSuggestion.current = index
    setComposer({
      kind: 'selection',
      quote: ready.quote,
      proposedChange: ready.proposedChange,
      suggestion: true,
      submit: (input) => commentApi.create(documentId, { ...input, range: ready.range }),
    })
  }


  // The highlight plugin reads the latest values through this stable object.
  const live = useRef({ comments, filter, activeId, placements, canEdit, locale })
  live.current = { comments, filter, activeId, placements, canEdit, locale }
  // A highlight tapped (or clicked by someone who cannot edit, so not placing a caret to type) also
  // brings its thread into view where threads are listed under the draft.
  const [reveal, setReveal] = useState<{ id: string; focus?: boolean } | null>(null)
  const activate = useCallback((id: string, byTouch: boolean) => {
    setActiveId(id)
    if (byTouch || !live.current.canEdit) setReveal({ id })
  }, [])
  const highlights = useMemo<HighlightSource | null>(
    () =>
      session && {
        fragment: session.fragment,
        comments: () => live.current.comments.filter((c) => matchesFilter(c, live.current.filter) || c.id === live.current.activeId),
        showResolved: () => true,
        activeId: () => live.current.activeId,
        placements: () => live.current.placements,
        onActivate: activate,
        onRepairs: (repairs) => session.sendAnchorRepairs(repairs),
        words: () => live.current.locale,
      },
    [session, activate],
  )

  // Highlights are drawn again whenever the placements are recomputed (comments or text changed) or
  // what is shown changes; between those, the plugin maps them through each edit.
  useEffect(() => {
    if (editor) refreshHighlights(editor.view)
  }, [editor, placements, filter, activeId, locale])

  // Leaving with edits the server has not confirmed asks first.
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (session && session.state.save !== 'saved') e.preventDefault()
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [session])

  const visible = useMemo(() => comments.filter((c) => matchesFilter(c, filter) || c.id === activeId), [comments, filter, activeId])
  const floating = visible.filter((c) => c.scope === 'draft' || !placements.has(c.id) || c.needsAnchoring)
  const besideText = useThreadPositions(editor, columnRef, visible, placements)

  // Read through a ref so the callback stays the same and threads do not re-render when text moves.
  const placementsRef = useRef(placements)
  placementsRef.current = placements
  const focusPassage = useCallback(
    (id: string) => {
      setActiveId(id)
      const range = placementsRef.current.get(id)
      if (!editor || !range) return
      const dom = editor.view.domAtPos(range.from + (range.to > range.from ? 1 : 0)).node
      const el = dom instanceof Element ? dom : dom.parentElement
      el?.scrollIntoView({ block: 'center', behavior: 'smooth' })
      setTimeout(() => {
        const marks = editor.view.dom.querySelectorAll(`[data-comment-id="${CSS.escape(id)}"]`)
        marks.forEach((m) => m.classList.add('comment-flash'))
        setTimeout(() => marks.forEach((m) => m.classList.remove('comment-flash')), FLASH_MS)
      }, 50)
    },
    [editor],
  )

  // Opened from the dashboard with ?comment=: focus that thread once its place is known.
  const focusedOnce = useRef(false)
  useEffect(() => {
    if (!focusCommentId || focusedOnce.current || !placements.has(focusCommentId)) return
    focusedOnce.current = true
    focusPassage(focusCommentId)
  }, [focusCommentId, placements, focusPassage])

  const upsert = useCallback((c: Comment) => session?.comments.upsert(c), [session])
  // Gone at once here; the server's push says the same to the rest of the delegation.
  const remove = useCallback((gone: readonly Comment[]) => session?.comments.apply({ kind: 'remove', comments: [...gone] }), [session])
  const myDrafts = useMemo(() => (speaksForDelegation ? delegationDrafts(comments, me.org) : []), [speaksForDelegation, comments, me.org])
  const onCreated = (created: Comment | null) => {
    setComposer(null)
    const posted = postingSuggestion.current
    postingSuggestion.current = null
    if (!created) return
    if (posted !== null) suggesting.discard(posted)
    upsert(created)
    setActiveId(created.id)
    setDraftNotice(
      created.status !== 'draft'
        ? null
        : speaksForDelegation
          ? t('editor.savedAsDraftFocal', { id: created.id })
          : t('editor.savedAsDraft'),
    )
  }

  const { openComposer, openWordingComposer, openGeneralComposer } = useComposers(editor, session, documentId, canComment, setComposer)

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.altKey && (e.key === 'm' || e.key === 'M' || e.code === 'KeyM')) {
        e.preventDefault()
        openComposer()
      }
      if (canEdit && history && e.altKey && e.shiftKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
        e.preventDefault()
        history.moveRecommendation(e.key === 'ArrowUp' ? -1 : 1)
      }
      // From commented words to their comment, by keyboard: the thread gets the focus (and a screen reader reads it).
      if (e.altKey && !e.ctrlKey && !e.shiftKey && e.key === 'Enter' && editor && editor.view.dom.contains(document.activeElement)) {
        const id = commentAtCaret(editor.view)
        if (!id) return
        e.preventDefault()
        setActiveId(id)
        setReveal({ id, focus: true })
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })

  const reanchorTo = useCallback(async (c: Comment) => {
    if (!editor || !session) return
    const range = selectedRange(editor)
    if (!range) throw new Error(t('editor.selectToAttach'))
    const updated = await commentApi.reanchor(documentId, c.id, anchorSelection(editor, session.fragment, range))
    upsert(updated)
  }, [editor, session, documentId, upsert, t])

  const renderThread = (c: Comment) => (
    <CommentThread
      key={c.id}
      comment={c}
      me={currentMe}
      documentId={documentId}
      active={c.id === activeId}
      onActivate={focusPassage}
      onUpdated={upsert}
      onRemoved={remove}
      onReanchor={reanchorTo}
      proposals={proposals}
    />
  )

  if (loadError) {
    return (
      <div className="page narrow" role="alert">
        <h1>{t('editor.cannotOpen')}</h1>
        <p>{loadError}</p>
        <Link href="/">{t('common.backToDrafts')}</Link>
      </div>
    )
  }

  return (
    <div className="editor-page">
      <div className="editor-top">
        <div className="editor-title">
          <h1 data-test="draft-title" dir="auto" lang={meta?.language}>
            {meta?.title ?? t('app.loading')}
          </h1>
          <Link href={`/d/${documentId}/dashboard`} className="muted-link">
            {t('drafts.dashboard')}
          </Link>
          <button type="button" onClick={() => window.print()} data-test="print-button">
            {t('editor.print')}
          </button>
          <button type="button" onClick={() => setShowVersions((v) => !v)} aria-expanded={showVersions} data-test="versions-button">
            {t('versions.heading')}
          </button>
        </div>
        {session && <StatusBar session={session} showSave={allows(currentMe, 'text.edit')} />}
        {session && <PresenceList session={session} me={currentMe} />}
      </div>
      {editor && (canEdit || canComment) && (
        <Toolbar
          editor={editor}
          history={history}
          canEdit={canEdit && !suggestingOn}
          onComment={openComposer}
          canComment={canComment}
          suggesting={{ on: suggestingOn, toggle: () => suggesting.toggle(!suggestingOn) }}
          proposals={{ shown: proposalsShown, toggle: () => setProposalsShown((v) => !v) }}
        />
      )}
      {editor && <SuggestionBar editor={editor} state={suggesting.state} onPost={postSuggestion} onDiscard={suggesting.discard} />}
      {draft && <PhaseBanner draft={draft} now={now} />}
      {draft && allows(currentMe, 'phase.change') && <PhaseControls documentId={documentId} draft={draft} onChanged={metaChanged} />}
      {/* The role's own limits; the phase's (a frozen text) are the banner's to explain. */}
      {!allows(currentMe, 'text.edit') && connection !== 'closed' && <ReadOnlyHint canComment={allows(currentMe, 'comment.create')} />}
      {showVersions && <VersionsPanel documentId={documentId} me={currentMe} onClose={() => setShowVersions(false)} />}
      <DecisionNotices notices={decisions.notices} onShow={focusPassage} onDismiss={decisions.dismiss} />
      <CommentAnnouncer store={session?.comments ?? null} me={me} />
      <div className="comments-overview">
        <CommentFilters comments={comments} filter={filter} onChange={setFilter} />
        {canComment && (
          <button onClick={openWordingComposer} data-test="wording-comment-button">
            {t('composer.title.wording')}
          </button>
        )}
        {canComment && (
          <button onClick={openGeneralComposer} data-test="general-comment-button">
            {t('composer.title.general')}
          </button>
        )}
        {speaksForDelegation && (myDrafts.length > 0 || showDrafts) && (
          <button ref={draftsButton} className="delegation-button" onClick={() => setShowDrafts((v) => !v)} aria-expanded={showDrafts} data-test="delegation-drafts-button">
            {t('editor.delegationDrafts')} (<span className="count">{myDrafts.length}</span>)
          </button>
        )}
        <div role="status" className="draft-notice-region" data-test="draft-notice">
          {draftNotice && (
            <p className="notice draft-notice">
              {draftNotice}
              <button type="button" className="link-button" onClick={() => setDraftNotice(null)}>
                {t('common.dismiss')}
              </button>
            </p>
          )}
        </div>
      </div>
      {showDrafts && (
        <DelegationDraftsPanel
          documentId={documentId}
          draftTitle={meta?.title ?? ''}
          me={currentMe}
          drafts={myDrafts}
          context={context}
          onUpdated={upsert}
          onRemoved={remove}
          onShow={focusPassage}
          onClose={() => {
            setShowDrafts(false)
            // Back to where the panel was opened from, rather than to the top of the page.
            draftsButton.current?.focus()
          }}
        />
      )}
      <FloatingThreads comments={floating} render={renderThread} />
      <div className="editor-layout">
        <div className="editor-column" ref={columnRef}>
          {session && highlights ? (
            <DraftEditor
              session={session}
              me={me}
              editable={canEdit && !suggestingOn}
              highlights={highlights}
              history={history}
              onReady={setEditor}
              onSuggestingChange={suggesting.onChange}
            />
          ) : (
            <p role="status">{t('editor.opening')}</p>
          )}
        </div>
        <aside className="sidebar-column" aria-label={t('editor.sidebar')}>
          {composer && (
            <div className="composer-dock">
              <CommentComposer
                target={composer}
                onDone={onCreated}
                canSaveAsDraft={speaksForDelegation}
                becomesDraft={commentsBecomeDrafts(comments, currentMe)}
              />
            </div>
          )}
          <CommentSidebar items={besideText} activeId={activeId} reveal={reveal} render={renderThread} />
        </aside>
      </div>
    </div>
  )
}
