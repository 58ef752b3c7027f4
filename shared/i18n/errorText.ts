import type { CodedError, ErrorCode, ErrorParams } from '../errors'
import { columnHeaderKey } from '../commentTable'
import type { Language } from './languages'
import { deadlineDate, joinAnd, joinPlain, quoteIn } from './textHelpers'
import type { Translate } from './translator'

/** The options a code's message is looked up with: its parameters made into words of the language. */
type Options = Record<string, unknown>
type Preparer<C extends ErrorCode> = (params: ErrorParams[C], words: Words) => Options

/** What preparing parameters needs: the translation function and the language (lists, quotes, dates). */
interface Words {
  t: Translate
  language: Language
}

const word = ({ t }: Words, group: string, value: string) => t(`errors.words.${group}.${value}`, { defaultValue: value })
const deadline = (w: Words, iso: string) => {
  const date = deadlineDate(w.language, iso)
  return date === null ? iso : w.t('errors.words.deadline', { date })
}
/** A column named in an import error, in the reader's language (the server names them in English). */
const column = ({ t }: Words, header: string) => {
  const key = columnHeaderKey(header)
  return key ? t(`column.${key}`) : header
}
const none: Preparer<ErrorCode> = (params) => params as Options

/**
 * Per code, how its parameters become the message's: lists joined, roles and phases named, deadlines
 * dated in the language; `context` picks a variant (`_none`, `_edit`) and `count` a plural form.
 * A Record over every code, so a new code cannot be forgotten here.
 */
const PREPARE: { [C in ErrorCode]: Preparer<C> } = {
  'request.invalid': none,
  'request.notJson': none,
  'request.badJson': none,
  'request.tooLarge': none,
  'request.unsupportedEncoding': none,
  'request.unreadable': none,
  'request.originRefused': none,
  'request.noRoute': none,
  'request.formatRequired': ({ given, formats }) => ({
    context: given === null ? 'none' : 'unknown',
    given,
    formats: formats.join(', '),
    first: formats[0] ?? '',
  }),
  'network.unreachable': none,
  'server.failed': none,
  'server.storageFailed': none,
  'server.draftUnavailable': none,
  'server.draftMoved': none,
  'auth.signInRequired': none,
  'auth.tokenInvalid': none,
  'auth.relaySignInRequired': none,
  'auth.sessionInvalid': none,
  'auth.sessionEnded': none,
  'auth.revoked': none,
  'auth.linkInvalid': none,
  'auth.linkUsed': none,
  'auth.linkExpired': none,
  'auth.tooManyAttempts': none,
  'auth.adminOnly': none,
  'auth.originRefused': none,
  'policy.role': ({ allowed, role }, w) => ({
    allowed: joinAnd(w.language, allowed.map((r) => word(w, 'rolesPlural', r))),
    role: word(w, 'role', role),
  }),
  'policy.notAuthor': ({ commentId, verb }) => ({ commentId, context: verb }),
  'policy.commentNotOpen': ({ commentId, status }, w) => ({ commentId, status: word(w, 'status', status) }),
  'policy.commentWithdrawn': none,
  'policy.commentNotResolved': none,
  'policy.notFocalPoint': none,
  'policy.notDraft': none,
  'policy.draftNotSubmitted': none,
  'draft.notFound': none,
  'phase.textFrozen': ({ reference, deadline: d }, w) => ({ reference, deadline: deadline(w, d) }),
  'phase.commentsClosed': ({ reference, deadline: d }, w) => ({ reference, deadline: deadline(w, d) }),
  'phase.commentsNotOpen': ({ phase }) => (phase === 'drafting' ? { context: 'drafting' } : {}),
  'phase.adopted': none,
  'phase.transition': ({ from, to }, w) => ({ from: word(w, 'phase', from), to: word(w, 'phase', to) }),
  'phase.deadlineRequired': none,
  'phase.deadlinePast': ({ deadline: d }, w) => ({ deadline: deadline(w, d) }),
  'phase.referenceRequired': none,
  'phase.undecided': ({ commentIds }, w) => ({ commentIds: joinAnd(w.language, commentIds) }),
  'version.notFound': none,
  'changes.sinceRequired': none,
  'comment.notFound': ({ commentId }) => (commentId ? { commentId } : { context: 'none' }),
  'comment.isGeneral': none,
  'comment.noProposal': none,
  'comment.alreadyApplied': none,
  'comment.notOnWords': none,
  'comment.textRemoved': none,
  'comment.conflict': ({ commentIds }, w) => ({ commentIds: joinAnd(w.language, commentIds) }),
  'anchor.oneWayOnly': none,
  'anchor.rangeOrQuote': none,
  'anchor.selectionEmpty': none,
  'anchor.selectionGone': none,
  'anchor.withinInvalid': none,
  'anchor.quoteNotFound': ({ quote, occurrence, within }) => {
    const context = occurrence > 1 ? (within ? 'occurrenceWithin' : 'occurrence') : within ? 'within' : undefined
    return { quote, occurrence, within, ...(context ? { context } : {}) }
  },
  'anchor.noSuchRecommendation': ({ recommendation, count }) => ({ recommendation, total: count }),
  'apply.spansBlocks': none,
  'apply.containsApplied': none,
  'comment.outdated': none,
  'apply.notReceived': none,
  'apply.notPerformed': none,
  'revert.notApplied': none,
  'revert.unrecorded': none,
  'revert.changed': none,
  'decision.reasonRequired': ({ disposition }, { t }) => ({ disposition: t(`disposition.${disposition}`, { defaultValue: disposition }) }),
  'participant.notFound': none,
  'participant.revoked': none,
  'participant.ownChairRole': none,
  'participant.revokeSelf': none,
  'participant.focalPointNotDelegate': none,
  'notification.unsubscribeInvalid': none,
  'import.noFile': ({ types: [csv, xlsx] }) => ({ csv, xlsx }),
  'import.wrongType': ({ types: [csv, xlsx] }) => ({ csv, xlsx }),
  'import.tooLarge': none,
  'import.unreadableXlsx': none,
  'import.noWorksheet': none,
  'import.unreadableCsv': none,
  'import.missingColumns': ({ missing, columns }, w) => ({
    count: missing.length,
    missing: joinPlain(w.language, missing.map((c) => quoteIn(w.language, column(w, c)))),
    columns: joinPlain(w.language, columns.map((c) => column(w, c))),
  }),
  'import.empty': ({ columns }, w) => ({ columns: joinPlain(w.language, columns.map((c) => column(w, c))) }),
  'import.noRows': none,
  'import.tooManyRows': ({ count, max }) => ({ count, max }),
  'import.rowsRejected': ({ rows }) => ({ count: rows }),
}

/** The message of an error code in the language of `t`: what went wrong and what to do. */
export function errorText<C extends ErrorCode>(t: Translate, language: Language, code: C, params: ErrorParams[C]): string {
  const prepare = PREPARE[code] as Preparer<C>
  return t(`errors.${code}`, prepare(params, { t, language }))
}

/** The message of a coded error (a policy's denial, say). */
export const codedErrorText = (t: Translate, language: Language, error: CodedError): string => errorText(t, language, error.code, error.params)

/** True for a string the server sent as an error code this build knows. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(PREPARE, value)
}
