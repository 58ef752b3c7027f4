import type { IncomingMessage } from 'node:http'
import { COLLAB_PATH } from '../../shared/protocol'
import { isValidDocumentId } from '../../shared/validation'
import { DraftElsewhereError } from '../store/errors'
import { type Ownership, UnknownDraftError } from './Ownership'

/** Header an instance adds to a request it forwards: the owner serves it or refuses it, never forwards again. */
export const FORWARDED_HEADER = 'x-accord-forwarded-by'

/** Where a request for a draft is served. */
export type DraftRoute = { kind: 'local' } | { kind: 'forward'; address: string } | { kind: 'unavailable' }

const DRAFT_API_PATH = /^\/api\/documents\/([^/?]+)(?:[/?]|$)/

/** The draft a request is about: `/collab/<id>` or `/api/documents/<id>[/…]`; null for anything else. */
export function draftOfRequest(url: string): string | null {
  const path = url.split('?')[0] ?? ''
  const id = path.startsWith(COLLAB_PATH) ? path.slice(COLLAB_PATH.length) : DRAFT_API_PATH.exec(path)?.[1]
  return id !== undefined && isValidDocumentId(id) ? id : null
}

/**
 * Decides where a draft's request goes: here when this instance owns the draft or can take it now (nobody
 * live holds it); to the owner's address when another live instance holds it. A request that was already
 * forwarded once is not forwarded again (two instances that each think the other owns a draft must not
 * bounce it): it is refused as unavailable, and the client retries.
 */
export async function routeDraft(ownership: Ownership, documentId: string, req: IncomingMessage): Promise<DraftRoute> {
  if (ownership.holds(documentId)) return { kind: 'local' }
  try {
    await ownership.acquire(documentId)
    return { kind: 'local' }
  } catch (err) {
    if (err instanceof UnknownDraftError) return { kind: 'local' } // answered 404 here
    if (!(err instanceof DraftElsewhereError)) throw err
    const address = err.ownerAddress
    // No address: the lease expired just now, try again. Our own address: a lease left by an earlier
    // process on this address, not another instance; it expires by itself.
    if (req.headers[FORWARDED_HEADER] !== undefined || !address || address === ownership.ownAddress) return { kind: 'unavailable' }
    return { kind: 'forward', address }
  }
}
