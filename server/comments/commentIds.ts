import { randomInt } from 'node:crypto'

const DRAFT_ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** A delegation draft's id until it is submitted, e.g. "NO-D7K2P9X": no sequence is used up. */
export function draftCommentId(org: string): string {
  let suffix = ''
  for (let i = 0; i < 6; i++) suffix += DRAFT_ID_ALPHABET[randomInt(DRAFT_ID_ALPHABET.length)]
  return `${org}-D${suffix}`
}

/** The org and sequence of an id such as "NO-003"; null for anything else. */
export function parseCommentId(id: string): { org: string; sequence: number } | null {
  const dash = id.lastIndexOf('-')
  if (dash <= 0) return null
  const sequence = Number(id.slice(dash + 1))
  return Number.isInteger(sequence) && sequence > 0 ? { org: id.slice(0, dash), sequence } : null
}

/** Org code + 3-digit sequence, e.g. NO-003. */
export const formatCommentId = (org: string, sequence: number) => `${org}-${String(sequence).padStart(3, '0')}`

/** The highest sequence used so far by each org, among `ids`. */
export function highestSequences(ids: Iterable<string>): Map<string, number> {
  const highest = new Map<string, number>()
  for (const id of ids) {
    const parsed = parseCommentId(id)
    if (parsed && parsed.sequence > (highest.get(parsed.org) ?? 0)) highest.set(parsed.org, parsed.sequence)
  }
  return highest
}

/** Counts an org's sequence up in `highest` and returns the new id. */
export function takeNextId(highest: Map<string, number>, org: string): string {
  const sequence = (highest.get(org) ?? 0) + 1
  highest.set(org, sequence)
  return formatCommentId(org, sequence)
}

/**
 * Hands out comment ids per draft without reading every comment for each new one (at 10,000 comments
 * that copy cost ~100 ms per POST, issue 6): each draft's highest sequence per org is read once, then
 * counted up. Callers must serialize allocations per draft, and `forget` a draft whose comments were
 * written some other way (imports) or whose write failed. The count is kept per `generation`: while this
 * instance holds the draft without a break (scale-out: after another instance had it, it is read again).
 */
export class CommentIdAllocator {
  private readonly highest = new Map<string, { generation: object; perOrg: Map<string, number> }>()

  async next(documentId: string, org: string, generation: object, load: () => Promise<Map<string, number>>): Promise<string> {
    let entry = this.highest.get(documentId)
    if (!entry || entry.generation !== generation) {
      entry = { generation, perOrg: await load() }
      this.highest.set(documentId, entry)
    }
    return takeNextId(entry.perOrg, org)
  }

  forget(documentId: string): void {
    this.highest.delete(documentId)
  }
}
