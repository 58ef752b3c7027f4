import { TABLE_COLUMNS, type TableColumn, type TableRow } from '../../shared/commentTable'
import { type TableHeaders, UNBROKEN_COLUMNS } from './commentTable'
import { longestWordEm, textWidthEm } from './textMetrics'

/**
 * Longest word a free-text column must hold whole, in ems: a pasted URL may break, rather than take
 * the room of every other column.
 */
const MAX_WORD_EM = 9

/**
 * The narrowest each column of the comment table may be, in ems of its text, so that nothing breaks
 * inside a word: codes, types and dates whole (`UNBROKEN_COLUMNS`), other columns their longest word, and
 * every header its longest word in bold (headers wrap between words).
 */
export function minimumWidthsEm(rows: readonly TableRow[], headers: TableHeaders): Record<TableColumn, number> {
  const widths = {} as Record<TableColumn, number>
  for (const column of TABLE_COLUMNS) {
    const values = rows.map((row) => row[column])
    const body = UNBROKEN_COLUMNS.has(column)
      ? Math.max(0, ...values.map((v) => textWidthEm(v)))
      : Math.min(MAX_WORD_EM, Math.max(0, ...values.map((v) => longestWordEm(v))))
    widths[column] = Math.max(body, longestWordEm(headers[column], { bold: true }))
  }
  return widths
}

/**
 * Shares `total` out by `weights`, but no column below its minimum: columns whose share would be too
 * small get their minimum, and the others share what is left. When even the minimums do not fit, the
 * columns that may wrap (`flexible`) give up room in proportion, and the others keep theirs.
 */
export function shareOut(total: number, weights: readonly number[], minimums: readonly number[], flexible: readonly boolean[]): number[] {
  const atMinimum = new Set<number>()
  for (;;) {
    const free = weights.map((_, i) => i).filter((i) => !atMinimum.has(i))
    const left = total - [...atMinimum].reduce((sum, i) => sum + minimums[i]!, 0)
    const weight = free.reduce((sum, i) => sum + weights[i]!, 0)
    const tooSmall = free.filter((i) => (weights[i]! / weight) * left < minimums[i]!)
    if (tooSmall.length > 0 && free.length > tooSmall.length) {
      tooSmall.forEach((i) => atMinimum.add(i))
      continue
    }
    if (tooSmall.length === 0) return weights.map((w, i) => (atMinimum.has(i) ? minimums[i]! : Math.floor((w / weight) * left)))
    return squeezed(total, minimums, flexible)
  }
}

function squeezed(total: number, minimums: readonly number[], flexible: readonly boolean[]): number[] {
  const rigid = minimums.reduce((sum, m, i) => sum + (flexible[i] ? 0 : m), 0)
  const soft = minimums.reduce((sum, m, i) => sum + (flexible[i] ? m : 0), 0)
  const scale = Math.max(0, total - rigid) / soft
  return minimums.map((m, i) => (flexible[i] ? Math.floor(m * scale) : m))
}
