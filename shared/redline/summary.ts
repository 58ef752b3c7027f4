import type { RedlineAuthor, RedlineBlock, RedlineSegment } from './model'
import { countWords } from './words'

/** Per block: words inserted and deleted, who inserted them, and one line saying what changed. */
export interface BlockSummary {
  title: string
  status: RedlineBlock['status']
  inserted: number
  deleted: number
  authors: RedlineAuthor[]
  line: string
}


const segmentsOf = (block: RedlineBlock): RedlineSegment[] => block.paragraphs.flatMap((p) => p.segments)

const who = (authors: readonly RedlineAuthor[]) => (authors.length > 0 ? ` by ${authors.map((a) => `${a.name} (${a.org})`).join(', ')}` : '')

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`

/** What a block is called in summaries: "Recommendation 2", or its kind. */
function titleOf(block: RedlineBlock): string {
  if (block.kind === 'recommendation') return `Recommendation ${block.number ?? block.fromNumber ?? '?'}`
  return block.kind === 'heading' ? 'A heading' : block.kind === 'paragraph' ? 'A paragraph' : 'A list'
}

/**
 * Two neighbours that swapped places read the same either way round, so they are "reordered" rather
 * than one of them said to have moved; a longer move names where the recommendation went.
 */
function movedLine(from: number, to: number, detail: string): string {
  if (Math.abs(from - to) === 1) {
    return `Recommendations ${Math.min(from, to)} and ${Math.max(from, to)} reordered${detail ? `; Recommendation ${to}: ${detail}` : ''}`
  }
  return `Recommendation ${from} moved to ${to}${detail ? `; ${detail}` : ''}`
}

/**
 * One line per block that changed, in the style of a committee's "summary of the changes":
 * generated from the redline's facts only (words counted, moves, who typed), never invented.
 */
export function summarize(blocks: readonly RedlineBlock[]): BlockSummary[] {
  return blocks
    .filter((b) => b.status !== 'unchanged')
    .map((block) => {
      const segments = segmentsOf(block)
      const inserted = segments.filter((s) => s.type === 'insert').reduce((n, s) => n + countWords(s.text), 0)
      const deleted = segments.filter((s) => s.type === 'delete').reduce((n, s) => n + countWords(s.text), 0)
      const authors = [
        ...new Map(segments.filter((s) => s.type === 'insert' && s.author).map((s) => [`${s.author!.name}|${s.author!.org}`, s.author!])).values(),
      ]
      const title = titleOf(block)
      const edits = [inserted > 0 ? `${plural(inserted, 'word')} inserted${who(authors)}` : '', deleted > 0 ? `${plural(deleted, 'word')} deleted` : '']
        .filter(Boolean)
        .join(', ')
      const formats = block.changes.some((c) => c.type === 'format') ? 'formatting changed' : ''
      const detail = [edits, formats].filter(Boolean).join('; ')
      let line: string
      switch (block.status) {
        case 'new':
          line = `${title}: new`
          break
        case 'deleted':
          line = `${title}: deleted`
          break
        case 'moved':
          line = movedLine(block.fromNumber!, block.number!, detail)
          break
        case 'modified':
          line = `${title}: ${detail || 'changed'}`
          break
        default:
          line = title
      }
      return { title, status: block.status, inserted, deleted, authors, line }
    })
}
