import type { JSONContent } from '@tiptap/core'
import { withBlockIds } from '../../shared/schema/blockIds'
import { NODE } from '../../shared/schema/names'
import { demoDraftContent } from '../../server/demo/demoDraft'

/** Drafts for the redline tests: the demo draft and small edits of it, as JSON. */

/** The demo draft with block ids, as the editor gives them. */
export const demo = (): JSONContent => ({ type: NODE.doc, content: withBlockIds(demoDraftContent().content!) })

/** The top-level indexes of the recommendations of a draft. */
export const recommendationIndexes = (draft: JSONContent) => draft.content!.flatMap((b, i) => (b.type === NODE.recommendation ? [i] : []))

/** The statement's text node of recommendation `n` (1-based). */
export function statementText(draft: JSONContent, n: number): JSONContent {
  const rec = draft.content![recommendationIndexes(draft)[n - 1]!]!
  return rec.content![0]!.content![0]!
}

/** Replaces `before` by `after` in recommendation n's statement. */
export function editStatement(draft: JSONContent, n: number, before: string, after: string): void {
  const node = statementText(draft, n)
  if (!node.text!.includes(before)) throw new Error(`"${before}" is not in Recommendation ${n}`)
  node.text = node.text!.replace(before, after)
}

/** Moves recommendation `from` (1-based) so that it becomes recommendation `to`. */
export function moveRecommendation(draft: JSONContent, from: number, to: number): void {
  const indexes = recommendationIndexes(draft)
  const [block] = draft.content!.splice(indexes[from - 1]!, 1)
  draft.content!.splice(indexes[to - 1]!, 0, block!)
}

/** The same draft as one made before blocks had ids. */
export function withoutIds(draft: JSONContent): JSONContent {
  return { ...draft, content: draft.content!.map(({ attrs, ...rest }) => (attrs && Object.keys(attrs).some((k) => k !== 'blockId') ? { ...rest, attrs: { level: attrs.level } } : rest)) }
}

/** A one-paragraph draft; the paragraph has the same id in every such draft, so two of them always pair. */
export const paragraphDraft = (...content: JSONContent[]): JSONContent => ({ type: NODE.doc, content: [{ type: NODE.paragraph, attrs: { blockId: 'p' }, content }] })

export const text = (value: string, ...marks: JSONContent['marks'] & object): JSONContent => ({ type: 'text', text: value, ...(marks.length > 0 ? { marks } : {}) })
