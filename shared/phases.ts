import type { Consultation, DocumentMeta, Phase } from './types'

/** What the policy and the screens need to know about a draft's place in the consultation cycle. */
export interface DraftFacts {
  phase: Phase
  round: number
  consultation?: Consultation
  commentsOutsideConsultation: boolean
}

/**
 * The draft's facts, with the defaults of drafts made before phases existed: being drafted, round 1, and
 * open to delegations' comments as they always were (new drafts start closed to them until a chair
 * opens a consultation or allows comments).
 */
export function draftFacts(meta: Pick<DocumentMeta, 'phase' | 'round' | 'consultation' | 'commentsOutsideConsultation'>): DraftFacts {
  return {
    phase: meta.phase ?? 'drafting',
    round: meta.round ?? 1,
    ...(meta.consultation ? { consultation: meta.consultation } : {}),
    commentsOutsideConsultation: meta.commentsOutsideConsultation ?? meta.phase === undefined,
  }
}

/**
 * Where a draft may go from each phase: drafting → consultation → resolution → (consultation again for
 * the next round) → adopted; an adopted text can be reopened for drafting. Resolution comes by itself at
 * the deadline, or when the chair closes the consultation early.
 */
export const NEXT_PHASES: Record<Phase, readonly Phase[]> = {
  drafting: ['consultation'],
  consultation: ['resolution'],
  resolution: ['consultation', 'adopted'],
  adopted: ['drafting'],
}

/** Whether a consultation's comment period is over at `now` (ms): from the deadline on, it is. */
export const consultationClosed = (consultation: Consultation, now: number): boolean => now >= Date.parse(consultation.deadline)
