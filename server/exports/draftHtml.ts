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

/** Escapes text for HTML content and attribute values: nothing from the draft is markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

const STYLE = `body{font-family:Calibri,Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #888;padding:.4rem .6rem;vertical-align:top;text-align:left}
th{background:#eee}td>p:first-child{margin-top:0}`

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
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body.join('\n')}
</body>
</html>
`
}
