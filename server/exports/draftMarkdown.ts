import {
  type DraftModel,
  type FlowBlock,
  type Inline,
  type ListItem,
  type TextRun,
  draftSections,
  recommendationLabel,
} from '../../shared/draft/draftModel'
import { DEFAULT_LANGUAGE, type Language } from '../../shared/i18n/languages'
import { sharedTranslate } from '../../shared/i18n/sharedTranslate'

/**
 * Escapes text for CommonMark: characters that start inline syntax anywhere, and those that start a
 * block (list marker, heading, quote, ordered-list number) at the beginning of a line.
 */
export function escapeMarkdown(text: string, atLineStart: boolean): string {
  let out = text.replace(/[\\`*_[\]<>#|~&]/g, '\\$&')
  if (atLineStart) {
    out = out.replace(/^\s+/, '').replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2')
  }
  return out
}

/** Link targets in angle brackets, which may hold anything but <, > and line breaks. */
function linkTarget(href: string): string {
  return `<${href.replace(/</g, '%3C').replace(/>/g, '%3E').replace(/[\r\n]/g, '')}>`
}

/** Emphasis markers must touch non-space text: whitespace at the run's edges goes outside them. */
function emphasize(text: string, bold: boolean, italic: boolean): string {
  const marker = `${bold ? '**' : ''}${italic ? '*' : ''}`
  const m = /^(\s*)(.*?)(\s*)$/s.exec(text)!
  if (marker === '' || m[2] === '') return text
  return `${m[1]}${marker}${m[2]}${marker}${m[3]}`
}

function inlines(content: readonly Inline[]): string {
  let out = ''
  let atLineStart = true
  for (let i = 0; i < content.length; i++) {
    const inline = content[i]!
    if (inline.kind === 'break') {
      out = `${out.trimEnd()}\\\n`
      atLineStart = true
      continue
    }
    // Consecutive runs of one link become one link.
    const runs: TextRun[] = [inline]
    while (inline.href) {
      const next = content[i + 1]
      if (next?.kind !== 'text' || next.href !== inline.href) break
      runs.push(next)
      i++
    }
    let text = ''
    for (const run of runs) {
      text += emphasize(escapeMarkdown(run.text.replace(/\s*[\r\n]+\s*/g, ' '), atLineStart && text === ''), run.bold, run.italic)
    }
    out += inline.href ? `[${text}](${linkTarget(inline.href)})` : text
    atLineStart = false
  }
  return out.trimEnd()
}

const indent = (text: string, by: number) => text.replace(/\n(?=.)/g, `\n${' '.repeat(by)}`)

function list(items: readonly ListItem[], ordered: boolean, start: number): string {
  return items
    .map((item, i) => {
      const marker = ordered ? `${start + i}. ` : '- '
      return marker + indent(blocks(item.blocks, true), marker.length)
    })
    .join('\n')
}

/** Blocks separated by blank lines; inside a list item a nested list follows its line directly. */
function blocks(content: readonly FlowBlock[], inList = false): string {
  return content
    .map((block, i) => {
      const separator = i === 0 ? '' : inList && block.kind === 'list' ? '\n' : '\n\n'
      return separator + blockText(block)
    })
    .join('')
}

function blockText(block: FlowBlock): string {
  switch (block.kind) {
    case 'paragraph':
      return inlines(block.inlines)
    case 'heading':
      return `${'#'.repeat(Math.min(6, block.level + 1))} ${inlines(block.inlines)}`
    case 'list':
      return list(block.items, block.ordered, block.start)
    default: {
      const never: never = block
      throw new Error(`unknown block ${String(never)}`)
    }
  }
}

/**
 * The draft as CommonMark: the title as the top heading, the draft's headings one level below it, and each
 * recommendation as "**Recommendation N.** statement" followed by its actions as a bullet list.
 */
export function draftMarkdown(title: string, model: DraftModel, language: Language = DEFAULT_LANGUAGE): string {
  const t = sharedTranslate(language)
  const parts = [`# ${escapeMarkdown(title, true)}`]
  for (const section of draftSections(model)) {
    if (section.kind !== 'recommendations') {
      parts.push(blocks([section]))
      continue
    }
    for (const r of section.recommendations) {
      parts.push(`**${recommendationLabel(r.number, t)}.** ${inlines(r.statement)}`.trimEnd())
      parts.push(`*${t('export.recommendedActions')}*\n\n${list(r.actions, false, 1)}`)
    }
  }
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`
}
