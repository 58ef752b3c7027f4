import {
  type DraftModel,
  type FlowBlock,
  type Inline,
  type ListItem,
  type RecommendationTable,
  draftSections,
  recommendationLabel,
  recommendationTableHeader,
} from '../../shared/draft/draftModel'
import { DRAFT_PAGE_STYLE, escapeHtml, htmlPage } from '../../shared/html'
import { DEFAULT_LANGUAGE, type Language } from '../../shared/i18n/languages'
import { sharedTranslate } from '../../shared/i18n/sharedTranslate'
import type { Translate } from '../../shared/i18n/translator'

function inlines(content: readonly Inline[]): string {
  return content
    .map((inline) => {
      if (inline.kind === 'break') return '<br>'
      let html = escapeHtml(inline.text)
      if (inline.italic) html = `<em>${html}</em>`
      if (inline.bold) html = `<strong>${html}</strong>`
      return inline.href ? `<a href="${escapeHtml(inline.href)}" rel="noopener noreferrer">${html}</a>` : html
    })
    .join('')
}

function list(items: readonly ListItem[], ordered: boolean, start: number): string {
  const tag = ordered ? 'ol' : 'ul'
  const startAttr = ordered && start !== 1 ? ` start="${start}"` : ''
  return `<${tag}${startAttr}>${items.map((item) => `<li>${blocks(item.blocks)}</li>`).join('')}</${tag}>`
}

function blocks(content: readonly FlowBlock[]): string {
  return content
    .map((block) => {
      switch (block.kind) {
        case 'paragraph':
          return `<p>${inlines(block.inlines)}</p>`
        case 'heading': {
          // The title is the page's h1, so the draft's headings start one level down.
          const level = Math.min(6, block.level + 1)
          return `<h${level}>${inlines(block.inlines)}</h${level}>`
        }
        case 'list':
          return list(block.items, block.ordered, block.start)
        default: {
          const never: never = block
          throw new Error(`unknown block ${String(never)}`)
        }
      }
    })
    .join('\n')
}

function recommendationTable(table: RecommendationTable, t: Translate): string {
  const head = recommendationTableHeader(t).map((h) => `<th>${escapeHtml(h)}</th>`).join('')
  const rows = table.recommendations.map(
    (r) =>
      `<tr><td><p><strong>${escapeHtml(recommendationLabel(r.number, t))}</strong></p><p>${inlines(r.statement)}</p></td>` +
      `<td>${list(r.actions, false, 1)}</td></tr>`,
  )
  return `<table class="recommendations"><thead><tr>${head}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`
}

/** The draft as a complete standalone HTML page in its language; a CSP forbids scripts and remote content in it. */
export function draftHtml(title: string, model: DraftModel, language: Language = DEFAULT_LANGUAGE): string {
  const t = sharedTranslate(language)
  const body = draftSections(model).map((s) => (s.kind === 'recommendations' ? recommendationTable(s, t) : blocks([s])))
  return htmlPage(title, DRAFT_PAGE_STYLE, body.join('\n'), language)
}
