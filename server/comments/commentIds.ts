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

/**
 * Hands out comment ids per draft without reading every comment for each new one (at 10,000 comments
 * that copy cost ~100 ms per POST, issue 6): each draft's highest sequence per org is read once, then
 * counted up. Callers must serialize allocations per draft, and `forget` a draft whose comments were
 * written some other way (imports) or whose write failed.
 */
export class CommentIdAllocator {
  private readonly highest = new Map<string, Map<string, number>>()

  async next(documentId: string, org: string, load: () => Promise<readonly Pick<Comment, 'id'>[]>): Promise<string> {
    let perOrg = this.highest.get(documentId)
    if (!perOrg) {
      perOrg = new Map()
      for (const c of await load()) {
        const dash = c.id.lastIndexOf('-')
        const n = Number(c.id.slice(dash + 1))
        const o = c.id.slice(0, dash)
        if (Number.isInteger(n) && n > (perOrg.get(o) ?? 0)) perOrg.set(o, n)
      }
      this.highest.set(documentId, perOrg)
    }
    const n = (perOrg.get(org) ?? 0) + 1
    perOrg.set(org, n)
    return `${org}-${String(n).padStart(3, '0')}`
  }

  forget(documentId: string): void {
    this.highest.delete(documentId)
  }
}
