import type { JSONContent } from '@tiptap/core'
import { doc, heading, paragraph, recommendation } from './draftJson'

export type TemplateName = 'recommendations' | 'blank'

/** The starting content of a new draft. */
export function templateContent(template: TemplateName): JSONContent {
  switch (template) {
    case 'recommendations':
      return doc(
        heading(1, 'Introduction'),
        paragraph('Explain the purpose of these recommendations and who should implement them.'),
        heading(1, 'Recommendations'),
        recommendation('', ['']),
      )
    case 'blank':
      return doc(paragraph())
    default: {
      const never: never = template
      throw new Error(`unknown template ${String(never)}`)
    }
  }
}
