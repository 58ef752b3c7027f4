import type { AnyExtension } from '@tiptap/core'
import { Node, getSchema } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import { safeHref } from '../links'
import { BlockIdAttribute } from './blockIds'
import { HEADING_LEVELS, NODE } from './names'
import { Recommendation, RecommendationStatement, RecommendedActions } from './recommendation'

/** The root: recommendations sit only at the top level, never inside lists. */
const DraftDocument = Node.create({
  name: NODE.doc,
  topNode: true,
  content: `(block | ${NODE.recommendation})+`,
})

/**
 * The draft's schema as TipTap extensions: headings, paragraphs, lists, bold, italic, links,
 * recommendations, and the top-level blocks' stable ids. Editing behaviour that only the browser needs
 * (collaboration, carets, keymaps of our own, giving blocks ids) is added by the client on top of this list.
 */
export function draftExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      undoRedo: false,
      document: false,
      trailingNode: false,
      blockquote: false,
      code: false,
      codeBlock: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      heading: { levels: [...HEADING_LEVELS] },
      link: {
        openOnClick: false,
        autolink: true,
        protocols: [],
        defaultProtocol: 'https',
        isAllowedUri: (url) => safeHref(url) !== null,
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
      },
    }),
    DraftDocument,
    Recommendation,
    RecommendationStatement,
    RecommendedActions,
    BlockIdAttribute,
  ]
}

/** The ProseMirror schema of a draft (usable in Node: no DOM needed). */
export function draftSchema() {
  return getSchema(draftExtensions())
}
