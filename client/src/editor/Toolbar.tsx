import { useEffect, useState } from 'react'
import { useEditorState, type Editor } from '@tiptap/react'
import { safeHref } from '../../../shared/links'
import { useLocale } from '../i18n/useLocale'
import { currentRecommendationNumber, recommendationIndexes } from './recommendationCommands'
import type { DraftHistory } from './useDraftHistory'

interface Props {
  editor: Editor
  history: DraftHistory | null
  canEdit: boolean
  onComment: () => void
  canComment: boolean
  /** Suggesting mode (typing proposes wording instead of editing): on or off, for those who may comment. */
  suggesting?: { on: boolean; toggle: () => void }
  /** Whether proposals are drawn in the text as tracked changes. */
  proposals?: { shown: boolean; toggle: () => void }
}

function ToolButton(props: {
  label: string
  shortcut?: string
  active?: boolean
  disabled?: boolean
  onClick: () => void
  children: React.ReactNode
  test?: string
  /** An arrow that points along the line (undo, redo) is mirrored right to left. */
  mirrored?: boolean
  /**
   * The button shows a symbol (↶, B), so `label` is its name. Otherwise its visible words are its name
   * (WCAG 2.5.3: what speech input users say is what they see), and `label` describes it.
   */
  symbol?: boolean
}) {
  return (
    <button
      type="button"
      className={`tool${props.active ? ' active' : ''}${props.mirrored ? ' tool-mirrored' : ''}`}
      aria-label={props.symbol ? props.label : undefined}
      aria-pressed={props.active === undefined ? undefined : props.active}
      title={props.shortcut ? `${props.label} (${props.shortcut})` : props.label}
      disabled={props.disabled}
      onMouseDown={(e) => e.preventDefault()}
      onClick={props.onClick}
      data-test={props.test}
    >
      {props.children}
    </button>
  )
}

/**
 * Whether the person has been in the text since the draft opened. Until then the caret is the one
 * ProseMirror starts with, at the draft's first position (often a heading), which nobody placed: buttons
 * then show no block or mark as the caret's.
 */
function useCaretPlaced(editor: Editor): boolean {
  const [placed, setPlaced] = useState(() => editor.isFocused)
  useEffect(() => {
    if (placed) return
    const onFocus = () => setPlaced(true)
    editor.on('focus', onFocus)
    return () => {
      editor.off('focus', onFocus)
    }
  }, [editor, placed])
  return placed
}

/** Structure and formatting controls; read-only participants only get the Comment button. */
export function Toolbar({ editor, history, canEdit, onComment, canComment, suggesting, proposals }: Props) {
  const { t } = useLocale()
  const placed = useCaretPlaced(editor)
  const s = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      const count = recommendationIndexes(e.state).length
      const number = currentRecommendationNumber(e.state)
      return {
        bold: placed && e.isActive('bold'),
        italic: placed && e.isActive('italic'),
        link: placed && e.isActive('link'),
        h1: placed && e.isActive('heading', { level: 1 }),
        h2: placed && e.isActive('heading', { level: 2 }),
        bullet: placed && e.isActive('bulletList'),
        ordered: placed && e.isActive('orderedList'),
        inRecommendation: number !== null,
        canMoveUp: number !== null && number > 1,
        canMoveDown: number !== null && number < count,
        canUndo: history?.canUndo() ?? false,
        canRedo: history?.canRedo() ?? false,
      }
    },
  })
  const chain = () => editor.chain().focus()
  const setLink = () => {
    const previous = (editor.getAttributes('link').href as string | undefined) ?? 'https://'
    const input = window.prompt(t('toolbar.linkPrompt'), previous)
    if (input === null) return
    if (input.trim() === '') return void chain().extendMarkRange('link').unsetLink().run()
    const href = safeHref(input)
    if (!href) return void window.alert(t('toolbar.linkRefused'))
    chain().extendMarkRange('link').setLink({ href }).run()
  }

  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      {canEdit && (
        <>
          <div className="tool-group">
            <ToolButton label={t('toolbar.undo')} shortcut="Ctrl+Z" disabled={!s.canUndo} onClick={() => history?.undo()} test="undo" mirrored symbol>
              ↶
            </ToolButton>
            <ToolButton label={t('toolbar.redo')} shortcut="Ctrl+Shift+Z" disabled={!s.canRedo} onClick={() => history?.redo()} test="redo" mirrored symbol>
              ↷
            </ToolButton>
          </div>
          <div className="tool-group">
            <ToolButton label={t('toolbar.bold')} shortcut="Ctrl+B" active={s.bold} onClick={() => chain().toggleBold().run()} symbol>
              <b>{t('toolbar.boldLetter')}</b>
            </ToolButton>
            <ToolButton label={t('toolbar.italic')} shortcut="Ctrl+I" active={s.italic} onClick={() => chain().toggleItalic().run()} symbol>
              <i>{t('toolbar.italicLetter')}</i>
            </ToolButton>
            <ToolButton label={t('toolbar.link')} active={s.link} onClick={setLink}>
              <span className="tool-link">{t('toolbar.link')}</span>
            </ToolButton>
          </div>
          <div className="tool-group">
            <ToolButton label={t('toolbar.heading')} active={s.h1} disabled={s.inRecommendation} onClick={() => chain().toggleHeading({ level: 1 }).run()} test="heading-1">
              H1
            </ToolButton>
            <ToolButton label={t('toolbar.subheading')} active={s.h2} disabled={s.inRecommendation} onClick={() => chain().toggleHeading({ level: 2 }).run()}>
              H2
            </ToolButton>
            <ToolButton label={t('toolbar.bulletList')} active={s.bullet} onClick={() => chain().toggleBulletList().run()}>
              {t('toolbar.bulletListShort')}
            </ToolButton>
            <ToolButton label={t('toolbar.numberedList')} active={s.ordered} disabled={s.inRecommendation} onClick={() => chain().toggleOrderedList().run()}>
              {t('toolbar.numberedListShort')}
            </ToolButton>
          </div>
          <div className="tool-group">
            <ToolButton label={t('toolbar.addRecommendation')} onClick={() => chain().insertRecommendation().run()} test="add-recommendation">
              {t('toolbar.addRecommendationShort')}
            </ToolButton>
            <ToolButton label={t('toolbar.moveUp')} shortcut="Alt+Shift+↑" disabled={!s.canMoveUp} onClick={() => history?.moveRecommendation(-1)} test="move-up">
              {t('toolbar.moveUpShort')}
            </ToolButton>
            <ToolButton label={t('toolbar.moveDown')} shortcut="Alt+Shift+↓" disabled={!s.canMoveDown} onClick={() => history?.moveRecommendation(1)} test="move-down">
              {t('toolbar.moveDownShort')}
            </ToolButton>
          </div>
        </>
      )}
      {(canComment || proposals) && (
        <div className="tool-group tool-group-end">
          {canComment && suggesting && (
            <ToolButton label={t('toolbar.suggest')} active={suggesting.on} onClick={suggesting.toggle} test="suggest-toggle">
              {t('toolbar.suggestShort')}
            </ToolButton>
          )}
          {proposals && (
            <ToolButton label={t('toolbar.proposals')} active={proposals.shown} onClick={proposals.toggle} test="proposals-toggle">
              {t('toolbar.proposalsShort')}
            </ToolButton>
          )}
          {canComment && (
            <ToolButton label={t('toolbar.comment')} shortcut="Ctrl+Alt+M" onClick={onComment} test="comment-button">
              {t('toolbar.commentShort')}
            </ToolButton>
          )}
        </div>
      )}
    </div>
  )
}
