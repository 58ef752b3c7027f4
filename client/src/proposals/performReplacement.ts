import type { Editor } from '@tiptap/react'
import * as Y from 'yjs'
import { buildPositionIndex } from '../../../shared/draft/positionIndex'
import { anchorOnReplacement, type Replacement } from '../../../shared/draft/proposals'
import type { PerformedEdit } from '../../../shared/validation'
import type { DocumentSession } from '../editor/DocumentSession'

/**
 * Makes a planned replacement as this person's own edit in their editor, so that Ctrl+Z in this window
 * takes it back, and says what was done for the server to record. Comments the replacement cuts into
 * get their new anchor ends first, as after a move.
 */
export function performReplacement(editor: Editor, session: DocumentSession, plan: Replacement): PerformedEdit {
  session.sendAnchorRepairs(plan.repairs)
  const { from, to } = plan.range
  const tr = editor.state.tr
  if (plan.after) tr.insertText(plan.after, from, to)
  else tr.delete(from, to)
  editor.view.dispatch(tr)
  // The collaboration binding has put the edit into the Y.Doc by now: anchor on the new words there.
  const anchor = anchorOnReplacement(buildPositionIndex(session.fragment), from, plan.after.length)
  return { anchor, before: plan.before, after: plan.after, clientId: session.doc.clientID, clock: Y.getState(session.doc.store, session.doc.clientID) }
}
