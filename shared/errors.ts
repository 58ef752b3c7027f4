import type { Role } from './types'

/**
 * Every error Accord reports to a person or a script, by code, with the parameters its message needs.
 * Services throw `AccordError`s; the HTTP layer maps a code to its status (server/http/errorStatus.ts) and
 * the API answers `{ error, code, params }`; the browser formats the message from the code
 * (shared/errorMessages.ts), so that it can be shown in the reader's language.
 */
export interface ErrorParams {
  'request.invalid': { issues: string }
  'request.notJson': Empty
  'request.badJson': Empty
  'request.tooLarge': Empty
  'request.unsupportedEncoding': Empty
  'request.unreadable': Empty
  'request.originRefused': Empty
  'request.noRoute': { method: string; path: string }
  'request.formatRequired': { given: string | null; formats: string[] }
  'network.unreachable': Empty
  'server.failed': Empty
  'server.storageFailed': Empty
  'server.draftUnavailable': Empty

  'auth.signInRequired': Empty
  'auth.tokenInvalid': Empty
  'auth.relaySignInRequired': Empty
  'auth.sessionInvalid': Empty
  'auth.sessionEnded': Empty
  'auth.revoked': Empty
  'auth.linkInvalid': Empty
  'auth.linkUsed': Empty
  'auth.linkExpired': Empty
  'auth.tooManyAttempts': Empty
  'auth.adminOnly': Empty
  'auth.originRefused': Empty

  'policy.role': { allowed: Role[]; role: Role }
  'policy.notAuthor': { commentId: string; verb: 'edit' | 'withdraw' }
  'policy.commentNotOpen': { commentId: string; status: string }
  'policy.commentWithdrawn': { commentId: string }
  'policy.commentNotResolved': { commentId: string }
  'policy.notFocalPoint': Empty
  'policy.notDraft': { commentId: string }
  'policy.draftNotSubmitted': { commentId: string }

  'draft.notFound': Empty
  'phase.textFrozen': { reference: string; deadline: string }
  'phase.commentsClosed': { reference: string; deadline: string }
  'phase.commentsNotOpen': { phase: string }
  'phase.adopted': Empty
  'phase.transition': { from: string; to: string }
  'phase.deadlineRequired': Empty
  'phase.deadlinePast': { deadline: string }
  'phase.referenceRequired': Empty
  'phase.undecided': { commentIds: string[] }
  'version.notFound': { versionId: string }
  'changes.sinceRequired': Empty
  'comment.notFound': { commentId: string | null }
  'comment.isGeneral': { commentId: string }
  'comment.noProposal': { commentId: string }
  'comment.alreadyApplied': { commentId: string }
  'comment.notOnWords': { commentId: string }
  'comment.textRemoved': { commentId: string }
  'comment.conflict': { commentIds: string[] }

  'anchor.oneWayOnly': Empty
  'anchor.rangeOrQuote': Empty
  'anchor.selectionEmpty': Empty
  'anchor.selectionGone': Empty
  'anchor.withinInvalid': Empty
  'anchor.quoteNotFound': { quote: string; occurrence: number; within: string | null }
  'anchor.noSuchRecommendation': { recommendation: number; count: number }
  'apply.spansBlocks': Empty
  'apply.containsApplied': { commentId: string; appliedId: string }
  'comment.outdated': { commentId: string; now: string; base: string }
  'apply.notReceived': Empty
  'apply.notPerformed': { commentId: string }
  'revert.notApplied': { commentId: string }
  'revert.unrecorded': { commentId: string }
  'revert.changed': { commentId: string }
  'decision.reasonRequired': { disposition: string }

  'participant.notFound': Empty
  'participant.revoked': Empty
  'participant.ownChairRole': Empty
  'participant.revokeSelf': Empty
  'participant.focalPointNotDelegate': Empty

  'notification.unsubscribeInvalid': Empty

  'import.noFile': { types: string[] }
  'import.wrongType': { types: string[] }
  'import.tooLarge': Empty
  'import.unreadableXlsx': Empty
  'import.noWorksheet': Empty
  'import.unreadableCsv': { reason: string }
  'import.missingColumns': { missing: string[]; columns: string[] }
  'import.empty': { columns: string[] }
  'import.noRows': Empty
  'import.tooManyRows': { count: number; max: number }
  'import.rowsRejected': { rows: number }
}

type Empty = Record<string, never>

export type ErrorCode = keyof ErrorParams

/** Codes whose message takes no parameters (so `fail(code)` needs none). */
export type EmptyErrorCode = { [C in ErrorCode]: ErrorParams[C] extends Empty ? C : never }[ErrorCode]

/** Any one error: its code with that code's parameters. */
export type CodedError = { [C in ErrorCode]: { code: C; params: ErrorParams[C] } }[ErrorCode]

/** The answer body of every failed API request. */
export interface ErrorBody {
  error: string
  code: ErrorCode
  params: ErrorParams[ErrorCode]
}

/** An error meant for the person or script that asked: a code, its parameters, extra fields for the answer. */
export class AccordError<C extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly code: C,
    readonly params: ErrorParams[C],
    /** Extra fields for the API answer (e.g. the rows of a rejected import). */
    readonly details?: Record<string, unknown>,
  ) {
    super(code)
    this.name = 'AccordError'
  }
}

/** Throws an AccordError. */
export function fail<C extends EmptyErrorCode>(code: C): never
export function fail<C extends ErrorCode>(code: C, params: ErrorParams[C], details?: Record<string, unknown>): never
export function fail(code: ErrorCode, params: ErrorParams[ErrorCode] = {}, details?: Record<string, unknown>): never {
  throw new AccordError(code, params, details)
}
