import type { JSONContent } from '@tiptap/core'
import { NODE } from '../../shared/schema/names'

/** Small builders for ProseMirror JSON in the draft schema (templates, demo, tests). */

export const text = (value: string): JSONContent => ({ type: 'text', text: value })

export const paragraph = (value = ''): JSONContent =>
  value ? { type: NODE.paragraph, content: [text(value)] } : { type: NODE.paragraph }

export const heading = (level: 1 | 2 | 3, value: string): JSONContent => ({
  type: NODE.heading,
  attrs: { level },
  content: [text(value)],
})

/** An action: a string, or [string, sub-bullets]. */
export type ActionSpec = string | [string, string[]]

const listItem = (action: ActionSpec): JSONContent => {
  const [first, nested] = typeof action === 'string' ? [action, [] as string[]] : action
  const content: JSONContent[] = [paragraph(first)]
  if (nested.length > 0) content.push({ type: NODE.bulletList, content: nested.map((n) => listItem(n)) })
  return { type: NODE.listItem, content }
}

export const recommendation = (statement: string, actions: ActionSpec[]): JSONContent => ({
  type: NODE.recommendation,
  content: [
    statement ? { type: NODE.statement, content: [text(statement)] } : { type: NODE.statement },
    { type: NODE.actions, content: (actions.length > 0 ? actions : ['']).map(listItem) },
  ],
})

export const doc = (...content: JSONContent[]): JSONContent => ({ type: NODE.doc, content })
