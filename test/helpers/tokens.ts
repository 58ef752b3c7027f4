/**
 * Unique tokens the randomized fault tests type into a draft ("⟦c3.17⟧"): each is inserted whole and
 * never split, so after a crash or a chaotic network every one can be counted.
 */
export const TOKEN = /⟦[^⟦⟧]+⟧/g

/** Where a token may go without splitting one: a text's ends, or just before another token. */
export function tokenBoundaries(text: string): number[] {
  const at = [0, text.length]
  for (let i = text.indexOf('⟦'); i >= 0; i = text.indexOf('⟦', i + 1)) at.push(i)
  return at
}

/** What became of the tokens: those inserted (and not deleted) that are missing or doubled, and deleted ones back. */
export function tokenAudit(
  text: string,
  inserted: readonly string[],
  deleted: ReadonlySet<string> = new Set(),
): { missing: string[]; doubled: string[]; resurrected: string[] } {
  const counts = new Map<string, number>()
  for (const m of text.match(TOKEN) ?? []) counts.set(m, (counts.get(m) ?? 0) + 1)
  const live = inserted.filter((t) => !deleted.has(t))
  return {
    missing: live.filter((t) => !counts.has(t)),
    doubled: live.filter((t) => (counts.get(t) ?? 0) > 1),
    resurrected: [...deleted].filter((t) => counts.has(t)),
  }
}
