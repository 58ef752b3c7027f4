import type { ImportRow } from '../../shared/commentImport'
import type { StoredComment } from '../../shared/types'

/** Compared without differences of spacing and case, which spreadsheet round trips introduce. */
const normalized = (text: string | undefined) => (text ?? '').normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase()

const key = (c: Pick<ImportRow, 'org' | 'type' | 'body' | 'proposedChange'>) =>
  JSON.stringify([c.org, c.type, normalized(c.body), normalized(c.proposedChange)])

/**
 * For each row, the id of the draft's comment it repeats, or null. A repeat has the same Member State,
 * type, comment and proposed change, and the same quoted text unless one of them has none (a row placed
 * by its Location stores the recommendation as its quote; a comment anchored after its import has
 * none). A row that names a comment of its Member State by ID and quotes the same words (or says the
 * same) is that comment too, edited in the file: a table sent back with decisions written in must not
 * double it. Importing a table twice must not double a comment.
 */
export function repeatedComments(rows: readonly ImportRow[], existing: readonly StoredComment[]): (string | null)[] {
  const byKey = new Map<string, StoredComment[]>()
  const byId = new Map(existing.map((c) => [c.id, c]))
  for (const c of existing) {
    const k = key({ org: c.author.org, type: c.type, body: c.body, proposedChange: c.proposedChange })
    byKey.set(k, [...(byKey.get(k) ?? []), c])
  }
  return rows.map((row) => {
    const quote = normalized(row.quote)
    const same = byKey.get(key(row))?.find((c) => quote === '' || c.quote === '' || normalized(c.quote) === quote)
    if (same) return same.id
    const named = row.id ? byId.get(row.id) : undefined
    const isNamed = named && named.author.org === row.org && ((quote !== '' && normalized(named.quote) === quote) || normalized(named.body) === normalized(row.body))
    return isNamed ? named.id : null
  })
}
