import { draftFacts } from '../../shared/phases'
import type { PolicyContext } from '../../shared/policy'
import type { DocumentMeta } from '../../shared/types'

/** The policy's context for acting on a draft at `now` (without the draft's record: the clock alone). */
export function draftContext(meta: DocumentMeta | undefined, now: number): PolicyContext {
  return { now, ...(meta ? { draft: draftFacts(meta) } : {}) }
}
