import { Node, mergeAttributes } from '@tiptap/core'
import { NODE } from './names'

/**
 * A numbered recommendation: a statement followed by its Recommended Actions.
 * The number is never stored: it is the recommendation's position among its siblings, drawn from a
 * decoration in the editor and computed by `draftModel` everywhere else, so moving one renumbers all.
 */
export const Recommendation = Node.create({
  name: NODE.recommendation,
  content: `${NODE.statement} ${NODE.actions}`,
  defining: true,
  isolating: true,
  parseHTML() {
    return [{ tag: 'section[data-type="recommendation"]' }]
  },
  renderHTML({ HTMLAttributes }) {
    return ['section', mergeAttributes(HTMLAttributes, { 'data-type': 'recommendation', class: 'recommendation' }), 0]
  },
})

/** The recommendation's statement: one block of inline text. */
export const RecommendationStatement = Node.create({
  name: NODE.statement,
  content: 'inline*',
  defining: true,
  parseHTML() {
    return [{ tag: 'p[data-type="recommendation-statement"]' }]
  },
  renderHTML({ HTMLAttributes }) {
    return [
      'p',
      mergeAttributes(HTMLAttributes, { 'data-type': 'recommendation-statement', class: 'recommendation-statement' }),
      0,
    ]
  },
})

/** The "Recommended Actions" bullet list; items may hold nested bullet lists. */
export const RecommendedActions = Node.create({
  name: NODE.actions,
  content: `${NODE.listItem}+`,
  defining: true,
  parseHTML() {
    return [{ tag: 'div[data-type="recommended-actions"]', contentElement: 'ul' }]
  },
  renderHTML({ HTMLAttributes }) {
    return [
      'div',
      mergeAttributes(HTMLAttributes, { 'data-type': 'recommended-actions', class: 'recommended-actions' }),
      ['ul', 0],
    ]
  },
})
