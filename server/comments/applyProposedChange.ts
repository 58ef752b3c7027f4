import * as Y from 'yjs'
import { encodeRelative } from '../../shared/draft/anchors'
import { segmentHolding } from '../../shared/draft/draftText'
import type { Replacement } from '../../shared/draft/proposals'
import type { Anchor, PersonRef } from '../../shared/types'
import { fail } from '../../shared/errors'
import { editAs } from '../drafts/editAs'
import type { DraftView } from './placement'

/** Formatting of the character at `offset` (or the one before it at the end), so replacements keep it. */
function attributesAt(text: Y.XmlText, offset: number): Record<string, unknown> | undefined {
  let at = 0
  let last: Record<string, unknown> | undefined
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    const length = typeof op.insert === 'string' ? op.insert.length : 1
    if (offset < at + length) return op.attributes
    last = op.attributes
    at += length
  }
  return last
}

/**
 * Replaces the words of a planned replacement as one collaborative edit the server makes for `author`
 * (the REST apply and revert, for scripts), keeping their formatting. Returns an anchor on the new words
 * and the clientID the edit was made under (credited to `author`).
 */
export function replaceWords(view: DraftView, plan: Replacement, author: PersonRef): { anchor: Anchor; client: number } {
  const seg = segmentHolding(view.index, plan.range)
  if (!seg) fail('apply.spansBlocks')
  const offset = plan.range.from - seg.from
  const attributes = attributesAt(seg.text, offset)
  const client = editAs(view.doc, author, () => {
    seg.text.delete(offset, plan.range.to - plan.range.from)
    if (plan.after) seg.text.insert(offset, plan.after, attributes ? { ...attributes } : {})
  })
  // The new wording sits at `offset` in the same run of text.
  const anchor = {
    start: encodeRelative(Y.createRelativePositionFromTypeIndex(seg.text, offset, 0)),
    end: encodeRelative(Y.createRelativePositionFromTypeIndex(seg.text, offset + plan.after.length, -1)),
  }
  return { anchor, client }
}
