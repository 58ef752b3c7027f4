/** Node and mark names of the draft schema: the same strings are Y.XmlElement names and PM node types. */
export const NODE = {
  doc: 'doc',
  paragraph: 'paragraph',
  heading: 'heading',
  bulletList: 'bulletList',
  orderedList: 'orderedList',
  listItem: 'listItem',
  hardBreak: 'hardBreak',
  recommendation: 'recommendation',
  statement: 'recommendationStatement',
  actions: 'recommendedActions',
} as const

export const MARK = {
  bold: 'bold',
  italic: 'italic',
  link: 'link',
} as const

/** Nodes without content: their ProseMirror size is 1, not 2. */
export const LEAF_NODES: ReadonlySet<string> = new Set([NODE.hardBreak])

/** Heading levels the toolbar offers. */
export const HEADING_LEVELS = [1, 2, 3] as const
