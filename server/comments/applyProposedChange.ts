import * as Y from 'yjs'
import { type Range, encodeRelative } from '../../shared/draft/anchors'
import type { Anchor } from '../../shared/types'
import { fail } from '../../shared/errors'
import type { DraftView } from './placement'

/** Origin of edits the server makes itself (applying proposed changes). */
export const SERVER_EDIT_ORIGIN = 'accord-server'

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
 * Replaces the text in `range` with `replacement` as one collaborative edit, and returns an anchor on the
 * new wording. The range must lie within one run of text (no line breaks or block boundaries).
 */
export function applyReplacement(view: DraftView, range: Range, replacement: string): Anchor {
  const seg = view.index.segments.find((s) => s.from <= range.from && range.to <= s.to)
  if (!seg) {
    fail('apply.spansBlocks')
  }
  const offset = range.from - seg.from
  const attributes = attributesAt(seg.text, offset)
  view.doc.transact(() => {
    seg.text.delete(offset, range.to - range.from)
    if (replacement) seg.text.insert(offset, replacement, attributes ? { ...attributes } : {})
  }, SERVER_EDIT_ORIGIN)
  // The new wording sits at `offset` in the same run of text.
  return {
    start: encodeRelative(Y.createRelativePositionFromTypeIndex(seg.text, offset, 0)),
    end: encodeRelative(Y.createRelativePositionFromTypeIndex(seg.text, offset + replacement.length, -1)),
  }
}
