import { useEffect, useState } from 'react'
import { useEditorState, type Editor } from '@tiptap/react'
import { safeHref } from '../../../shared/links'
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

function ToolButton(props: { label: string; shortcut?: string; active?: boolean; disabled?: boolean; onClick: () => void; children: React.ReactNode; test?: string }) {
  return (
    <button
      type="button"
      className={`tool${props.active ? ' active' : ''}`}
      aria-label={props.label}
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
    const input = window.prompt('Link address (http, https or mailto). Leave empty to remove the link.', previous)
    if (input === null) return
    if (input.trim() === '') return void chain().extendMarkRange('link').unsetLink().run()
    const href = safeHref(input)
    if (!href) return void window.alert('Only http, https and mailto links are allowed.')
    chain().extendMarkRange('link').setLink({ href }).run()
  }

  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting and structure">
      {canEdit && (
        <>
          <div className="tool-group">
            <ToolButton label="Undo" shortcut="Ctrl+Z" disabled={!s.canUndo} onClick={() => history?.undo()} test="undo">↶</ToolButton>
            <ToolButton label="Redo" shortcut="Ctrl+Shift+Z" disabled={!s.canRedo} onClick={() => history?.redo()} test="redo">↷</ToolButton>
          </div>
          <div className="tool-group">
            <ToolButton label="Bold" shortcut="Ctrl+B" active={s.bold} onClick={() => chain().toggleBold().run()}><b>B</b></ToolButton>
            <ToolButton label="Italic" shortcut="Ctrl+I" active={s.italic} onClick={() => chain().toggleItalic().run()}><i>I</i></ToolButton>
            <ToolButton label="Link" active={s.link} onClick={setLink}><span className="tool-link">Link</span></ToolButton>
          </div>
          <div className="tool-group">
            <ToolButton label="Heading" active={s.h1} disabled={s.inRecommendation} onClick={() => chain().toggleHeading({ level: 1 }).run()} test="heading-1">H1</ToolButton>
            <ToolButton label="Subheading" active={s.h2} disabled={s.inRecommendation} onClick={() => chain().toggleHeading({ level: 2 }).run()}>H2</ToolButton>
            <ToolButton label="Bullet list" active={s.bullet} onClick={() => chain().toggleBulletList().run()}>• List</ToolButton>
            <ToolButton label="Numbered list" active={s.ordered} disabled={s.inRecommendation} onClick={() => chain().toggleOrderedList().run()}>1. List</ToolButton>
          </div>
          <div className="tool-group">
            <ToolButton label="Add recommendation" onClick={() => chain().insertRecommendation().run()} test="add-recommendation">+ Recommendation</ToolButton>
            <ToolButton label="Move recommendation up" shortcut="Alt+Shift+↑" disabled={!s.canMoveUp} onClick={() => history?.moveRecommendation(-1)} test="move-up">↑ Move up</ToolButton>
            <ToolButton label="Move recommendation down" shortcut="Alt+Shift+↓" disabled={!s.canMoveDown} onClick={() => history?.moveRecommendation(1)} test="move-down">↓ Move down</ToolButton>
          </div>
        </>
      )}
      {(canComment || proposals) && (
        <div className="tool-group tool-group-end">
          {canComment && suggesting && (
            <ToolButton label="Suggest changes: type in the text to propose wording" active={suggesting.on} onClick={suggesting.toggle} test="suggest-toggle">
              ✎ Suggest
            </ToolButton>
          )}
          {proposals && (
            <ToolButton label="Show proposed changes in the text" active={proposals.shown} onClick={proposals.toggle} test="proposals-toggle">
              Proposals
            </ToolButton>
          )}
          {canComment && <ToolButton label="Comment on the selected text" shortcut="Ctrl+Alt+M" onClick={onComment} test="comment-button">Comment</ToolButton>}
        </div>
      )}
    </div>
  )
}
