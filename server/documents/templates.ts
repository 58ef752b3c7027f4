import type { JSONContent } from '@tiptap/core'
import type { Translate } from '../../shared/i18n/translator'
import { doc, heading, paragraph, recommendation } from './draftJson'

export type TemplateName = 'recommendations' | 'blank'

/** The starting content of a new draft, its headings in the language of `t` (the draft's). */
export function templateContent(template: TemplateName, t: Translate): JSONContent {
  switch (template) {
    case 'recommendations':
      return doc(
        heading(1, t('template.introduction')),
        paragraph(t('template.purpose')),
        heading(1, t('template.recommendations')),
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
