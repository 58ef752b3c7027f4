import type { CodedError, ErrorCode, ErrorParams } from './errors'
import type { Role } from './types'

type Messages = { [C in ErrorCode]: (params: ErrorParams[C]) => string }

const ROLE_PLURALS: Record<Role, string> = {
  chair: 'chairs',
  editor: 'editors',
  commenter: 'commenters',
  observer: 'observers',
}

const deadlineFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' })

/** A deadline as people read it in English, with its time zone: "6 December 2026 at 17:00 UTC". */
export const formatDeadline = (iso: string) => (Number.isNaN(Date.parse(iso)) ? iso : `${deadlineFormat.format(new Date(iso))} UTC`)

/** "a, b and c" */
const joinAnd = (items: readonly string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? ''))
const quoted = (items: readonly string[]) => items.map((i) => `"${i}"`).join(', ')

/** The English text of every error code: what went wrong and what to do. */
const ENGLISH: Messages = {
  'request.invalid': ({ issues }) => `Invalid request: ${issues}`,
  'request.notJson': () => 'Send the request body as JSON with "Content-Type: application/json".',
  'request.badJson': () => 'The request body is not valid JSON.',
  'request.tooLarge': () => 'The request body is too large.',
  'request.unsupportedEncoding': () => 'The request body uses a character set or compression the server does not read: send UTF-8 JSON.',
  'request.unreadable': () => 'The request could not be read; send it again.',
  'request.originRefused': () => 'Requests from this origin are not allowed.',
  'request.noRoute': ({ method, path }) => `No API route ${method} ${path}.`,
  'request.formatRequired': ({ given, formats }) =>
    `${given === null ? 'No format given' : `Unknown format "${given}"`}: add ?format= with one of ${formats.join(', ')} to the address, e.g. ?format=${formats[0]}.`,
  'network.unreachable': () => 'Cannot reach the Accord server. Check your connection and try again.',
  'server.failed': () => 'Something went wrong on the server. Try again; if it persists, tell the administrator.',
  'server.storageFailed': () =>
    'The server cannot save right now (its disk is full or failing, or its database is unreachable); nothing was changed. Try again in a few minutes.',
  'server.draftUnavailable': () => 'The server could not open this draft. Try again; if it persists, tell the administrator.',
  'server.draftMoved': () => 'This draft is moving to another Accord server; nothing was changed. Try again in a few seconds.',

  'auth.signInRequired': () => 'Sign in first: open your personal sign-in link, or send "Authorization: Bearer <token>".',
  'auth.tokenInvalid': () => 'This API token is not valid (unknown, expired or revoked).',
  'auth.relaySignInRequired': () => 'Sign in first, or pass an API token as ?token=.',
  'auth.sessionInvalid': () => 'Your session or token is not valid (expired or revoked). Sign in again.',
  'auth.sessionEnded': () => 'Your session has ended. Sign in again.',
  'auth.revoked': () => 'Your access to this workspace was revoked.',
  'auth.linkInvalid': () => 'This sign-in link is not valid. Ask a chair for a new link.',
  'auth.linkUsed': () => 'This sign-in link has already been used. Ask a chair for a new link.',
  'auth.linkExpired': () => 'This sign-in link has expired. Ask a chair for a new link.',
  'auth.tooManyAttempts': () => 'Too many sign-in attempts from your address. Wait a minute and try again.',
  'auth.adminOnly': () => 'Administration requests must come from `npm run accord` on the server machine.',
  'auth.originRefused': () => 'This page is not allowed to connect: its origin is not in ALLOWED_ORIGINS.',

  'policy.role': ({ allowed, role }) => `Only ${joinAnd(allowed.map((r) => ROLE_PLURALS[r]))} may do this; you are signed in as ${role}.`,
  'policy.notAuthor': ({ commentId, verb }) => `Only the author of ${commentId} may ${verb} it.`,
  'policy.commentNotOpen': ({ commentId, status }) => `${commentId} is ${status}; only open comments can be changed.`,
  'policy.commentWithdrawn': ({ commentId }) => `${commentId} was withdrawn by its author.`,
  'policy.commentNotResolved': ({ commentId }) => `${commentId} is not resolved.`,
  'policy.notFocalPoint': () => "Only your delegation's focal point may do this: they submit the delegation's comments.",
  'policy.notDraft': ({ commentId }) => `${commentId} is not a draft of your delegation: it has been submitted already.`,
  'policy.draftNotSubmitted': ({ commentId }) => `${commentId} is a delegation's draft: it can be decided once its focal point submits it.`,

  'draft.notFound': () => 'No such draft.',
  'phase.textFrozen': ({ reference, deadline }) =>
    `The text is frozen while Member States comment on it (${reference}, until ${formatDeadline(deadline)}): comments are open, edits are not.`,
  'phase.commentsClosed': ({ reference, deadline }) => `The comment period for ${reference} closed on ${formatDeadline(deadline)}.`,
  'phase.commentsNotOpen': ({ phase }) =>
    phase === 'drafting'
      ? 'Delegations comment while the draft is out for consultation; the Task Force is drafting it now.'
      : 'The comment period is over: the Task Force is resolving the comments. Replies are still open.',
  'phase.adopted': () => 'This text has been adopted: it no longer changes, and neither do its comments. A chair can reopen it for drafting.',
  'phase.transition': ({ from, to }) => `A draft in ${from} cannot move to ${to}.`,
  'phase.deadlineRequired': () => 'A consultation needs a deadline: send "deadline" as a date and time in the future.',
  'phase.deadlinePast': ({ deadline }) => `The deadline ${formatDeadline(deadline)} has already passed: choose one in the future.`,
  'phase.referenceRequired': () => 'A consultation needs the reference of its circular, e.g. "C.CWS 180".',
  'phase.undecided': ({ commentIds }) =>
    `The text cannot be adopted while comments are undecided: decide or withdraw ${joinAnd(commentIds)} first.`,
  'version.notFound': ({ versionId }) => `This draft has no version "${versionId}".`,
  'changes.sinceRequired': () =>
    'This draft has not been sent for comment yet, so there is no round to report on: choose the version to compare with (since=<version id>).',
  'comment.notFound': ({ commentId }) => (commentId ? `No comment ${commentId} on this draft.` : 'No such comment.'),
  'comment.isGeneral': ({ commentId }) => `${commentId} is a general comment on the whole draft.`,
  'comment.noProposal': ({ commentId }) => `${commentId} proposes no change.`,
  'comment.alreadyApplied': ({ commentId }) => `The change proposed in ${commentId} was already applied.`,
  'comment.notOnWords': ({ commentId }) => `${commentId} is not attached to specific words.`,
  'comment.textRemoved': ({ commentId }) => `The text of ${commentId} was removed; re-anchor it first.`,
  'comment.conflict': ({ commentIds }) => `${joinAnd(commentIds)} changed meanwhile; reload and try again.`,

  'anchor.oneWayOnly': () => 'Give at most one of "anchor", "range" and "recommendation".',
  'anchor.rangeOrQuote': () => 'Send "range" (a selection) or "anchor" (a quote to find).',
  'anchor.selectionEmpty': () => 'The selection is empty: select the words the comment is about.',
  'anchor.selectionGone': () => 'The new selection is empty or not in the current draft.',
  'anchor.withinInvalid': () => '"within" must name a recommendation, e.g. "Recommendation 4" or "Recommendation 4 › Action 2".',
  'anchor.quoteNotFound': ({ quote, occurrence, within }) =>
    `Could not find ${occurrence > 1 ? `occurrence ${occurrence} of ` : ''}the quoted text${within ? ` within ${within}` : ''} in the current draft: "${quote}".`,
  'anchor.noSuchRecommendation': ({ recommendation, count }) => `The draft has no Recommendation ${recommendation}; it has ${count}.`,
  'apply.spansBlocks': () => 'The commented passage spans several paragraphs or a line break; apply this change by editing the text.',
  'apply.containsApplied': ({ commentId, appliedId }) =>
    `The words of ${commentId} now include the wording applied from ${appliedId}; applying would remove it. Edit the text by hand, or re-anchor ${commentId} first.`,
  'comment.outdated': ({ commentId, now, base }) =>
    `The words of ${commentId} have changed since its proposal was written (it was written for "${base}"; they now read "${now}"). Look at the preview, then apply with "confirm": true.`,
  'apply.notReceived': () => 'Your edit has not reached the server yet: check your connection, then try again.',
  'apply.notPerformed': ({ commentId }) => `The text at that place is not the wording of ${commentId}; nothing was recorded.`,
  'revert.notApplied': ({ commentId }) => `The proposal of ${commentId} has not been applied.`,
  'revert.unrecorded': ({ commentId }) =>
    `The change of ${commentId} was applied before Accord recorded the words it replaced (or it deleted words): restore them by editing the text.`,
  'revert.changed': ({ commentId }) => `The words applied from ${commentId} have been edited since; restore the old wording by editing the text.`,
  'decision.reasonRequired': ({ disposition }) =>
    `"${disposition === 'not-accepted' ? 'Not accepted' : 'Accepted with modification'}" needs observations: say why, so the delegation can see the reason.`,

  'participant.notFound': () => 'No such participant.',
  'participant.revoked': () => 'This participant was revoked; invite them again instead.',
  'participant.ownChairRole': () => 'You cannot remove your own chair role; ask another chair.',
  'participant.revokeSelf': () => 'You cannot revoke yourself.',
  'participant.focalPointNotDelegate': () =>
    'Only a commenter or editor of a Member State (an ISO 3166-1 code such as NO) can be its focal point.',
  'notification.unsubscribeInvalid': () =>
    'This unsubscribe link is not valid (it may have been cut short by your mail program). Sign in and choose what Accord e-mails you under Settings.',

  'import.noFile': ({ types }) => `The request has no file. ${sendTableAs(types)}`,
  'import.wrongType': ({ types }) => sendTableAs(types),
  'import.tooLarge': () => 'The file is larger than 10 MB: split the table into smaller files and import them one by one.',
  'import.unreadableXlsx': () => 'This is not a readable XLSX file. Save the table from your spreadsheet program as .xlsx or .csv and upload it again.',
  'import.noWorksheet': () => 'The workbook has no worksheet: put the comment table on its first sheet.',
  'import.unreadableCsv': ({ reason }) => `The CSV file cannot be read: ${reason}`,
  'import.missingColumns': ({ missing, columns }) =>
    `The table has no ${quoted(missing)} column${missing.length > 1 ? 's' : ''}. Its first row must name the columns: ${columns.join(', ')}.`,
  'import.empty': ({ columns }) => `The file is empty. Upload a table whose first row names the columns: ${columns.join(', ')}.`,
  'import.noRows': () => 'The table has a header row but no comments below it.',
  'import.tooManyRows': ({ count, max }) => `The table has ${count} comments; import at most ${max} at a time by splitting it.`,
  'import.rowsRejected': ({ rows }) =>
    `${rows} row${rows === 1 ? ' has' : 's have'} problems, so nothing was imported. Fix the rows listed in "errors" and upload the table again.`,
}

function sendTableAs([csv, xlsx]: readonly string[]): string {
  return `Send the comment table itself as the request body, with "Content-Type: ${csv}" for a .csv file or "Content-Type: ${xlsx}" for an .xlsx file.`
}

/** The English message for an error code. */
export function englishMessage<C extends ErrorCode>(code: C, params: ErrorParams[C]): string {
  return (ENGLISH[code] as (p: ErrorParams[C]) => string)(params)
}

/** The English message of a coded error. */
export const messageOf = (error: CodedError): string => (ENGLISH[error.code] as (p: typeof error.params) => string)(error.params)

/** True for a string the server sent as an error code this client knows. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ENGLISH, value)
}
