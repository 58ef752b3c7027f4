import { recommendationLabel, recommendationTableHeader } from '../draft/draftModel'
import { DRAFT_PAGE_STYLE, escapeHtml, htmlPage } from '../html'
import { safeHref } from '../links'
import { type RedlineItem, redlineLayout } from './layout'
import { listPlaces } from './listPlaces'
import { markFlags } from './marks'
import type { Redline, RedlineAuthor, RedlineBlock, RedlineParagraph, RedlineSegment } from './model'
import { summarize } from './summary'
import { DEFAULT_LANGUAGE } from '../i18n/languages'
import { sharedTranslate } from '../i18n/sharedTranslate'

/** The two states compared, as people call them ("Draft for comment", "Now"). */
export interface RedlineStates {
  from: string
  to: string
}

const STYLE = `${DRAFT_PAGE_STYLE}
ins{background:#dcfce7;color:#14532d;text-decoration:underline}del{background:#fee2e2;color:#7f1d1d;text-decoration:line-through}
.format-changed{border-bottom:2px dotted #2563eb}.moved{font-style:italic;color:#1d4ed8}
tr.status-new>td{background:#f0fdf4}tr.status-deleted>td,tr.moved-away>td{background:#fef2f2}.summary li{margin:.15rem 0}`

const by = (author?: RedlineAuthor) => (author ? ` by ${author.name} (${author.org})` : '')

/** Text with its marks: bold, italic, links (safe targets only), hard breaks. */
function marked(text: string, marks: readonly string[]): string {
  const { bold, italic, href } = markFlags(marks)
  let html = escapeHtml(text).replace(/\n/g, '<br>')
  if (italic) html = `<em>${html}</em>`
  if (bold) html = `<strong>${html}</strong>`
  const safe = safeHref(href)
  return safe ? `<a href="${escapeHtml(safe)}" rel="noopener noreferrer">${html}</a>` : html
}

const describeMarks = (marks: readonly string[]) => {
  const { bold, italic, href } = markFlags(marks)
  return [bold ? 'bold' : '', italic ? 'italic' : '', href ? `link to ${href}` : ''].filter(Boolean).join(', ') || 'plain'
}

function segment(s: RedlineSegment): string {
  const html = marked(s.text, s.marks)
  switch (s.type) {
    case 'insert':
      return `<ins title="${escapeHtml(`Inserted${by(s.author)}`)}">${html}</ins>`
    case 'delete':
      return `<del title="${escapeHtml(`Deleted${by(s.author)}`)}">${html}</del>`
    case 'same':
      return s.marksBefore ? `<span class="format-changed" title="${escapeHtml(`Formatting changed (was ${describeMarks(s.marksBefore)})`)}">${html}</span>` : html
    default: {
      const never: never = s.type
      throw new Error(`unknown segment ${String(never)}`)
    }
  }
}

const STATUS_CLASS: Record<RedlineParagraph['status'], string> = { same: '', modified: '', insert: ' class="inserted"', delete: ' class="deleted"' }

function paragraph(p: RedlineParagraph): string {
  const content = p.segments.map(segment).join('')
  // The title is the page's h1, so the draft's headings start one level down.
  const tag = p.role === 'heading' ? `h${Math.min(6, (p.level ?? 1) + 1)}` : 'p'
  return `<${tag}${STATUS_CLASS[p.status]}>${content}</${tag}>`
}

/** List textblocks as nested lists; only the outer list of an ordered list is numbered. */
function list(paragraphs: readonly RedlineParagraph[], ordered: boolean): string {
  const open: string[] = []
  let html = ''
  listPlaces(paragraphs, (p) => p.path).forEach((place, i) => {
    const depth = place.depth + 1
    if (!(place.continues && open.length === depth)) {
      while (open.length > depth) html += `</li></${open.pop()}>`
      if (open.length === depth) html += '</li><li>'
      while (open.length < depth) {
        const tag = ordered && open.length === 0 ? 'ol' : 'ul'
        html += `<${tag}><li>`
        open.push(tag)
      }
    }
    html += paragraph(paragraphs[i]!)
  })
  while (open.length > 0) html += `</li></${open.pop()}>`
  return html
}

function label(block: RedlineBlock): string {
  const number = block.number ?? block.fromNumber ?? 0
  switch (block.status) {
    case 'new':
      return `<ins title="New">${escapeHtml(recommendationLabel(number))}</ins>`
    case 'deleted':
      return `<del title="Deleted">${escapeHtml(recommendationLabel(number))}</del>`
    case 'moved':
    case 'modified':
    case 'unchanged':
      // Renumbered (others came or went before it, or it moved): the number changes, not the text.
      return block.fromNumber !== undefined && block.fromNumber !== block.number
        ? `Recommendation <del title="Renumbered">${block.fromNumber}</del><ins title="Renumbered">${block.number}</ins>`
        : escapeHtml(recommendationLabel(number))
    default: {
      const never: never = block.status
      throw new Error(`unknown status ${String(never)}`)
    }
  }
}

function recommendationRow({ block, place }: RedlineItem): string {
  if (place === 'movedAway') {
    return `<tr class="moved-away"><td colspan="2"><p class="moved"><del>${escapeHtml(recommendationLabel(block.fromNumber ?? 0))}</del> moved to Recommendation ${block.number}</p></td></tr>`
  }
  const [statement, ...actions] = block.paragraphs
  return (
    `<tr class="status-${block.status}"><td><p><strong>${label(block)}</strong></p>${block.status === 'moved' ? `<p class="moved">Moved from Recommendation ${block.fromNumber}</p>` : ''}` +
    `${statement ? paragraph(statement) : ''}</td>` +
    `<td>${list(actions, false)}</td></tr>`
  )
}

function otherBlock({ block, place, moved }: RedlineItem): string {
  if (place === 'movedAway') return `<p class="moved">Moved from here to further ${moved}.</p>`
  const note = moved ? `<p class="moved">Moved here from further ${moved === 'down' ? 'up' : 'down'}:</p>` : ''
  const body = block.kind === 'bulletList' || block.kind === 'orderedList' ? list(block.paragraphs, block.kind === 'orderedList') : block.paragraphs.map(paragraph).join('')
  return note + body
}

function summary(model: Redline): string {
  // The redline's files are in English, as are their other words here.
  const lines = summarize(model.blocks, sharedTranslate(DEFAULT_LANGUAGE)).map((s) => `<li>${escapeHtml(s.line)}</li>`)
  const { inserted, deleted, movedBlocks } = model.counts
  const totals = `${inserted} ${inserted === 1 ? 'word' : 'words'} inserted, ${deleted} deleted, ${movedBlocks} ${movedBlocks === 1 ? 'block' : 'blocks'} moved.`
  return `<section class="summary" aria-labelledby="summary"><h2 id="summary">Summary of the changes</h2><p>${escapeHtml(totals)}</p>${lines.length > 0 ? `<ul>${lines.join('')}</ul>` : '<p>No changes.</p>'}</section>`
}

/**
 * The redline as a complete HTML page: a summary of the changes per recommendation, then the draft laid
 * out as its HTML export, with insertions and deletions as <ins> and <del> (which screen readers
 * announce; their titles say who), formatting changes underlined, and moves marked at both places.
 */
export function redlineHtml(title: string, model: Redline, states: RedlineStates): string {
  const items = redlineLayout(model.blocks)
  const head = recommendationTableHeader().map((h) => `<th>${escapeHtml(h)}</th>`).join('')
  const parts: string[] = []
  let rows: string[] = []
  const flush = () => {
    if (rows.length > 0) parts.push(`<table class="recommendations"><thead><tr>${head}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`)
    rows = []
  }
  for (const item of items) {
    if (item.block.kind === 'recommendation') {
      rows.push(recommendationRow(item))
      continue
    }
    flush()
    parts.push(otherBlock(item))
  }
  flush()
  const intro = `<p>Changes from <strong>${escapeHtml(states.from)}</strong> to <strong>${escapeHtml(states.to)}</strong>.</p>`
  return htmlPage(title, STYLE, `${intro}\n${summary(model)}\n${parts.join('\n')}`)
}
