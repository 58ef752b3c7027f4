import { MARK } from '../schema/names'

/**
 * Marks of redlined text as strings (`RedlineSegment.marks`): `bold`, `italic`, and `link:<href>` (the
 * target is part of the mark, so a changed link target is a formatting change). Sorted, so that two
 * lists of marks can be compared as they are.
 */

const LINK_PREFIX = `${MARK.link}:`

/** The mark strings of ProseMirror JSON marks. */
export function markKeys(marks: readonly { type: string; attrs?: Record<string, unknown> }[] | undefined): string[] {
  return (marks ?? [])
    .map((mark) => (mark.type === MARK.link ? `${LINK_PREFIX}${String(mark.attrs?.href ?? '')}` : mark.type))
    .sort()
}

export const sameMarks = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((m, i) => m === b[i])

/** What renderers draw: bold, italic and the raw link target (pass it through `safeHref` before use). */
export function markFlags(marks: readonly string[]): { bold: boolean; italic: boolean; href: string | null } {
  const link = marks.find((m) => m.startsWith(LINK_PREFIX))
  return { bold: marks.includes(MARK.bold), italic: marks.includes(MARK.italic), href: link ? link.slice(LINK_PREFIX.length) : null }
}
