import {
  type DraftModel,
  type FlowBlock,
  type Inline,
  type ListItem,
  RECOMMENDATION_TABLE_HEADER,
  type RecommendationTable,
  draftSections,
  recommendationLabel,
} from '../../shared/draft/draftModel'
import { DRAFT_PAGE_STYLE, escapeHtml, htmlPage } from '../../shared/html'

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

function recommendationTable(table: RecommendationTable): string {
  const head = RECOMMENDATION_TABLE_HEADER.map((h) => `<th>${escapeHtml(h)}</th>`).join('')
  const rows = table.recommendations.map(
    (r) =>
      `<tr><td><p><strong>${escapeHtml(recommendationLabel(r.number))}</strong></p><p>${inlines(r.statement)}</p></td>` +
      `<td>${list(r.actions, false, 1)}</td></tr>`,
  )
  return `<table class="recommendations"><thead><tr>${head}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`
}

/** The draft as a complete standalone HTML page; a CSP forbids scripts and remote content in it. */
export function draftHtml(title: string, model: DraftModel): string {
  const body = draftSections(model).map((s) => (s.kind === 'recommendations' ? recommendationTable(s) : blocks([s])))
  return htmlPage(title, DRAFT_PAGE_STYLE, body.join('\n'))
}
