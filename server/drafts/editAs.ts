import { randomInt } from 'node:crypto'
import type * as Y from 'yjs'
import type { PersonRef } from '../../shared/types'
import type { AuthoredOrigin } from './LiveDraft'

/** Yjs clientIDs are unsigned 32-bit integers. */
const CLIENT_ID_LIMIT = 2 ** 32

/**
 * Makes an edit the server performs on someone's behalf (a proposal applied or reverted by a script, a
 * version restored) under a clientID of its own, so that the draft's record of who typed what
 * (LiveDraft's authors) credits that person in redlines, rather than an anonymous "server". Returns
 * the clientID the edit was made under.
 */
export function editAs(doc: Y.Doc, author: PersonRef, edit: () => void): number {
  const own = doc.clientID
  const client = randomInt(1, CLIENT_ID_LIMIT)
  doc.clientID = client
  try {
    const origin: AuthoredOrigin = { author }
    doc.transact(edit, origin)
    return client
  } finally {
    doc.clientID = own
  }
}
