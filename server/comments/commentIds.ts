import type { Comment } from '../../shared/types'

/** The next id for an org in a draft: org code + 3-digit sequence, e.g. NO-003 after NO-002. */
export function nextCommentId(org: string, existing: Iterable<Pick<Comment, 'id'>>): string {
  const prefix = `${org}-`
  let max = 0
  for (const c of existing) {
    if (!c.id.startsWith(prefix)) continue
    const n = Number(c.id.slice(prefix.length))
    if (Number.isInteger(n) && n > max) max = n
  }
  return `${prefix}${String(max + 1).padStart(3, '0')}`
}
