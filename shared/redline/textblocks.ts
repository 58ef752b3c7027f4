import type { JSONContent } from '@tiptap/core'
import { BLOCK_ID } from '../schema/blockIds'
import { NODE } from '../schema/names'
import { markKeys, sameMarks } from './marks'
import type { RedlineBlockKind, RedlineParagraph } from './model'

/**
 * A draft (ProseMirror JSON) as the redline sees it: top-level blocks, each a list of textblocks in
 * document order (statement, actions, list items, paragraph, heading), each a list of runs of text with
 * their marks. A hard break is the character "\n".
 */

export interface Run {
  text: string
  marks: string[]
}

export interface Textblock {
  role: RedlineParagraph['role']
  level?: number
  path?: number[]
  runs: Run[]
  text: string
}

export interface DraftBlock {
  kind: RedlineBlockKind
  blockId?: string
  textblocks: Textblock[]
}

const KINDS: Record<string, RedlineBlockKind> = {
  [NODE.recommendation]: 'recommendation',
  [NODE.heading]: 'heading',
  [NODE.paragraph]: 'paragraph',
  [NODE.bulletList]: 'bulletList',
  [NODE.orderedList]: 'orderedList',
}

const isList = (node: JSONContent) => node.type === NODE.bulletList || node.type === NODE.orderedList || node.type === NODE.actions

/** Runs with neighbours of equal marks joined and empty ones dropped: one way to write each text. */
export function normalizeRuns(runs: readonly Run[]): Run[] {
  const out: Run[] = []
  for (const run of runs) {
    if (run.text === '') continue
    const last = out[out.length - 1]
    if (last && sameMarks(last.marks, run.marks)) last.text += run.text
    else out.push({ text: run.text, marks: [...run.marks] })
  }
  return out
}

function inlineRuns(node: JSONContent): Run[] {
  const runs = (node.content ?? []).map((child): Run => {
    if (child.type === 'text') return { text: child.text ?? '', marks: markKeys(child.marks) }
    return { text: child.type === NODE.hardBreak ? '\n' : '', marks: markKeys(child.marks) }
  })
  return normalizeRuns(runs)
}

function textblock(node: JSONContent, role: Textblock['role'], path?: number[]): Textblock {
  const runs = inlineRuns(node)
  const level = role === 'heading' ? Number(node.attrs?.level ?? 1) : undefined
  return { role, ...(level !== undefined ? { level } : {}), ...(path ? { path } : {}), runs, text: runs.map((r) => r.text).join('') }
}

/** Textblocks of a list; nested lists extend the path of their item. */
function listTextblocks(list: JSONContent, role: Textblock['role'], prefix: number[]): Textblock[] {
  return (list.content ?? []).flatMap((item, i) => {
    const path = [...prefix, i + 1]
    return (item.content ?? []).flatMap((child) => (isList(child) ? listTextblocks(child, role, path) : nestedTextblocks(child, role, path)))
  })
}

/** Textblocks of any other block: a paragraph in a list item, or whatever the schema allows there. */
function nestedTextblocks(node: JSONContent, role: Textblock['role'], path?: number[]): Textblock[] {
  const children = node.content ?? []
  const isTextblock = children.every((c) => c.type === 'text' || c.type === NODE.hardBreak)
  return isTextblock ? [textblock(node, role, path)] : children.flatMap((c) => (isList(c) ? listTextblocks(c, role, path ?? []) : nestedTextblocks(c, role, path)))
}

function blockTextblocks(node: JSONContent, kind: RedlineBlockKind): Textblock[] {
  switch (kind) {
    case 'recommendation': {
      const statement = node.content?.find((c) => c.type === NODE.statement)
      const actions = node.content?.find((c) => c.type === NODE.actions)
      return [textblock(statement ?? {}, 'statement'), ...(actions ? listTextblocks(actions, 'action', []) : [])]
    }
    case 'heading':
      return [textblock(node, 'heading')]
    case 'paragraph':
      return [textblock(node, 'paragraph')]
    case 'bulletList':
    case 'orderedList':
      return listTextblocks(node, 'listItem', [])
    default: {
      const never: never = kind
      throw new Error(`unknown block kind ${String(never)}`)
    }
  }
}

/** The top-level blocks of a draft; a node of an unknown type keeps its words as a paragraph. */
export function draftBlocks(doc: JSONContent): DraftBlock[] {
  return (doc.content ?? []).map((node) => {
    const known = KINDS[node.type ?? '']
    const id = node.attrs?.[BLOCK_ID]
    return {
      kind: known ?? 'paragraph',
      ...(typeof id === 'string' && id !== '' ? { blockId: id } : {}),
      textblocks: known ? blockTextblocks(node, known) : nestedTextblocks(node, 'paragraph'),
    }
  })
}

/** Each recommendation's number (1-based among recommendations), by top-level index. */
export function recommendationNumbers(blocks: readonly DraftBlock[]): (number | undefined)[] {
  let n = 0
  return blocks.map((b) => (b.kind === 'recommendation' ? ++n : undefined))
}
