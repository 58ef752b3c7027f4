/** Character ranges of a text that share a value (its marks, or its author), and how to cut them. */

export interface Span<T> {
  from: number
  to: number
  value: T
}

/** The spans of consecutive runs (given by their lengths) within [from, to); past the runs, `rest`. */
export function spansWithin<T>(runs: readonly { length: number; value: T }[], from: number, to: number, rest: T): Span<T>[] {
  const out: Span<T>[] = []
  let start = 0
  for (const run of runs) {
    const end = start + run.length
    const [a, b] = [Math.max(start, from), Math.min(end, to)]
    if (b > a) out.push({ from: a, to: b, value: run.value })
    start = end
    if (start >= to) break
  }
  if (Math.max(start, from) < to) out.push({ from: Math.max(start, from), to, value: rest })
  return out
}

/** Two span lists over the same range, cut at the boundaries of both. */
export function overlay<A, B>(a: readonly Span<A>[], b: readonly Span<B>[]): Span<[A, B]>[] {
  const out: Span<[A, B]>[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    const x = a[i]!
    const y = b[j]!
    const from = Math.max(x.from, y.from)
    const to = Math.min(x.to, y.to)
    if (to > from) out.push({ from, to, value: [x.value, y.value] })
    if (x.to <= y.to) i++
    else j++
  }
  return out
}

/** Spans moved by `offset` characters. */
export const shifted = <T>(spans: readonly Span<T>[], offset: number): Span<T>[] =>
  spans.map((s) => ({ from: s.from + offset, to: s.to + offset, value: s.value }))
