import { AlignmentType, ExternalHyperlink, HeadingLevel, LevelFormat, type NumberingDefinition, type ParagraphChild } from 'docx'

/** How a draft looks in Word, shared by the draft's export and its redline: lists, headings, run formatting. */

const BULLETS = '•◦▪•◦▪•◦▪'
/** Indentation of one list level, in twips. */
export const LIST_INDENT = 360

const levels = (ordered: boolean, start: number) =>
  Array.from({ length: 9 }, (_, level) => ({
    level,
    format: ordered ? LevelFormat.DECIMAL : LevelFormat.BULLET,
    text: ordered ? `%${level + 1}.` : BULLETS[level]!,
    start: level === 0 ? start : 1,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: LIST_INDENT * (level + 1), hanging: LIST_INDENT } } },
  }))

export const BULLET_LIST: NumberingDefinition = { reference: 'bullets', levels: levels(false, 1) }
export const ORDERED_LIST: NumberingDefinition = { reference: 'ordered', levels: levels(true, 1) }

/** Numbering of an ordered list that starts elsewhere than at 1. */
export const orderedFrom = (start: number): NumberingDefinition => ({ reference: `ordered-from-${start}`, levels: levels(true, start) })

export const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const

/** The heading style of a level (1–6). */
export const headingStyle = (level: number) => HEADINGS[level - 1] ?? HeadingLevel.HEADING_6

export interface RunMarks {
  bold: boolean
  italic: boolean
  /** A link target that passed `safeHref`, else null. */
  href: string | null
}

/** Run options for marks: only marks that are set, since an explicit "not bold" would override the heading styles. */
export function markOptions(marks: RunMarks): { bold?: true; italics?: true; style?: string } {
  return { ...(marks.bold ? { bold: true } : {}), ...(marks.italic ? { italics: true } : {}), ...(marks.href ? { style: 'Hyperlink' } : {}) }
}

/** A run inside a hyperlink when its text links somewhere. */
export const linked = (run: ParagraphChild, href: string | null): ParagraphChild => (href ? new ExternalHyperlink({ link: href, children: [run] }) : run)
