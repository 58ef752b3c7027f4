import { z } from 'zod'
import { isValidOrg } from './countries'
import { MAX_ANCHOR_REPAIRS_PER_MESSAGE, MAX_COMMENT_PAGE } from './protocol'
import { EMAIL_CHOICES, NOTIFICATION_KINDS, isTimeZone } from './notificationPreferences'
import { COMMENT_TYPES, DISPOSITIONS, PHASES, ROLES, STANCES } from './types'
import { LANGUAGES } from './i18n/languages'

/** Ids are URL-safe tokens: nothing that could climb out of a path or a data directory. */
export const DOCUMENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/
/** Comment ids as in ISO/CEN comment tables: org code + sequence, e.g. NO-003. */
/** Public ids ("NO-003") and a delegation's draft ids ("NO-D7K2P9X": no sequence, so submitted ids have no gaps). */
export const COMMENT_ID_PATTERN = /^[A-Z][A-Z0-9]{1,9}-(\d{3,6}|D[A-Z0-9]{6})$/

export function isValidDocumentId(id: string): boolean {
  return DOCUMENT_ID_PATTERN.test(id)
}

/** Length limits for what people type. */
export const LIMITS = {
  title: 200,
  name: 100,
  email: 254,
  commentBody: 10_000,
  proposedChange: 10_000,
  quote: 2_000,
  reply: 10_000,
  resolutionNote: 10_000,
  within: 100,
  versionNote: 2_000,
  reference: 100,
} as const

const trimmed = (max: number, what: string) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, `${what} must not be empty`)
    .max(max, `${what} must be at most ${max} characters`)

export const orgSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine(isValidOrg, 'org must be an ISO 3166-1 alpha-2 code (e.g. NO) or an organization acronym (e.g. WIPO)')

export const roleSchema = z.enum(ROLES, { error: `role must be one of: ${ROLES.join(', ')}` })

export const languageSchema = z.enum(LANGUAGES, { error: `language must be one of: ${LANGUAGES.join(', ')}` })

export const createDocumentSchema = z.strictObject({
  title: trimmed(LIMITS.title, 'title'),
  template: z.enum(['recommendations', 'blank']).default('recommendations'),
  /** The draft's language (its comment table's headers, its template's words); English when not given. */
  language: languageSchema.optional(),
})

/** `PATCH /me`: one's own settings (the interface language). */
export const updateMeSchema = z.strictObject({
  language: languageSchema,
})

/** `PATCH /documents/:id`: a new title, and (chairs) whether delegations may comment while drafting. */
export const updateDocumentSchema = z
  .strictObject({
    title: trimmed(LIMITS.title, 'title').optional(),
    commentsOutsideConsultation: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change: send title or commentsOutsideConsultation')

/** How long a sign-in link made on the Participants page stays valid. */
const linkDaysSchema = z
  .number({ error: 'expiresInDays must be a number of days' })
  .int('expiresInDays must be a whole number of days')
  .min(1, 'expiresInDays must be at least 1')
  .max(365, 'expiresInDays must be at most 365')

/** Longest validity `npm run accord` may give a token or link, in days (ten years). */
export const MAX_CLI_DAYS = 3650

export const inviteSchema = z.strictObject({
  name: trimmed(LIMITS.name, 'name'),
  org: orgSchema,
  email: z.email('email must be a valid address').max(LIMITS.email).optional().or(z.literal('').transform(() => undefined)),
  role: roleSchema,
  focalPoint: z.boolean().optional(),
  expiresInDays: linkDaysSchema.optional(),
})

/** `POST /participants/:id/link`: a new link for someone already invited. */
export const newLinkSchema = z.strictObject({
  expiresInDays: linkDaysSchema.optional(),
})

export const updateParticipantSchema = z
  .strictObject({
    role: roleSchema.optional(),
    name: trimmed(LIMITS.name, 'name').optional(),
    org: orgSchema.optional(),
    email: z.email().max(LIMITS.email).optional(),
    focalPoint: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change: send role, name, org, email or focalPoint')

export const signInSchema = z.strictObject({
  link: z.string().min(10).max(200),
})

export const commentTypeSchema = z.enum(COMMENT_TYPES, { error: `type must be one of: ${COMMENT_TYPES.join(', ')}` })

const anchorPairSchema = z.strictObject({
  start: z.string().min(1).max(200),
  end: z.string().min(1).max(200),
})

/** Anchoring by quote: the server finds the words (`occurrence`: 1-based match; `within`: a locator). */
const quoteAnchorSchema = z.strictObject({
  quote: trimmed(LIMITS.quote, 'anchor.quote'),
  occurrence: z.number().int().min(1).max(10_000).optional(),
  within: z.string().trim().max(LIMITS.within).optional(),
})

/** Words to find in the draft, as a client sends them. */
export type QuoteAnchor = z.input<typeof quoteAnchorSchema>

export const createCommentSchema = z.strictObject({
  type: commentTypeSchema,
  /** May be empty when the comment proposes wording (a suggestion typed in the text needs no explanation). */
  body: z.string({ error: 'body must be text' }).trim().max(LIMITS.commentBody, `body must be at most ${LIMITS.commentBody} characters`),
  proposedChange: z.string().trim().max(LIMITS.proposedChange).optional(),
  /** Find the quoted text in the draft (API clients). */
  anchor: quoteAnchorSchema.optional(),
  /** Relative positions of a selection (the editor). */
  range: anchorPairSchema.extend({ quote: z.string().max(LIMITS.quote) }).optional(),
  /** A general comment on one recommendation (1-based number). */
  recommendation: z.number().int().min(1).max(1000).optional(),
  /** A focal point keeps their comment as a draft of the delegation instead of submitting it at once. */
  saveAsDraft: z.boolean().optional(),
}).refine((c) => c.body !== '' || c.proposedChange !== undefined, { message: 'body must not be empty (unless the comment proposes wording)', path: ['body'] })

/** `GET …/comments?limit=&after=`: a page of the list, after the comment with id `after`. */
export const commentPageSchema = z.strictObject({
  limit: z.coerce.number().int('limit: a whole number').min(1, 'limit: at least 1').max(MAX_COMMENT_PAGE, `limit: at most ${MAX_COMMENT_PAGE}`),
  after: z.string().regex(COMMENT_ID_PATTERN, 'after: a comment id such as NO-003').optional(),
})

/** Drafts to submit, by id, at most a consultation's worth at once. */
export const submitSchema = z.strictObject({
  ids: z.array(z.string().regex(COMMENT_ID_PATTERN, 'ids: comment ids such as NO-D7K2P9X')).min(1, 'ids: at least one draft').max(2000),
})

/** Merge another draft into this one; the merged wording may be given, else both are kept one after the other. */
export const mergeSchema = z.strictObject({
  from: z.string().regex(COMMENT_ID_PATTERN, 'from: a comment id'),
  body: trimmed(LIMITS.commentBody, 'body').optional(),
  proposedChange: z.string().trim().max(LIMITS.proposedChange).optional(),
})

/** Support or oppose a draft of one's delegation; null takes one's stance back. */
export const stanceSchema = z.strictObject({
  stance: z.enum(STANCES).nullable(),
})

export const editCommentSchema = z
  .strictObject({
    type: commentTypeSchema.optional(),
    body: trimmed(LIMITS.commentBody, 'body').optional(),
    proposedChange: z.string().trim().max(LIMITS.proposedChange).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change: send type, body or proposedChange')

export const replySchema = z.strictObject({
  body: trimmed(LIMITS.reply, 'body'),
})

export const resolveSchema = z.strictObject({
  disposition: z.enum(DISPOSITIONS, { error: `disposition must be one of: ${DISPOSITIONS.join(', ')}` }),
  note: z.string().trim().max(LIMITS.resolutionNote).default(''),
})

/** An edit the applying person already made in their own window (so that Ctrl+Z there undoes it). */
const performedEditSchema = z.strictObject({
  /** Where the words put in are now. */
  anchor: anchorPairSchema,
  /** The words replaced and the words put in. */
  before: z.string().max(LIMITS.proposedChange),
  after: z.string().max(LIMITS.proposedChange),
  /** The editor's Yjs clientID and its clock after the edit: the server waits for the edit to arrive. */
  clientId: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  clock: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
})
export type PerformedEdit = z.output<typeof performedEditSchema>

/** `POST …/apply` and `…/revert`: `confirm` applies an outdated proposal; `performed` records an edit made in the editor. */
export const applySchema = z.strictObject({
  confirm: z.boolean().optional(),
  performed: performedEditSchema.optional(),
})
export type ApplyInput = z.output<typeof applySchema>

export const phaseChangeSchema = z.strictObject({
  phase: z.enum(PHASES, { error: `phase must be one of: ${PHASES.join(', ')}` }),
  deadline: z.iso.datetime({ offset: true, error: 'deadline must be a date and time such as 2026-12-31T17:00:00Z' }).optional(),
  reference: z.string().trim().min(1).max(LIMITS.reference).optional(),
})

export const newVersionSchema = z.strictObject({
  label: trimmed(LIMITS.title, 'label'),
  note: z.string().trim().max(LIMITS.versionNote).optional(),
})

export const reanchorSchema = z.strictObject({
  range: anchorPairSchema.extend({ quote: z.string().max(LIMITS.quote).optional() }).optional(),
  anchor: quoteAnchorSchema.optional(),
})

/** Anchor repairs sent over the socket by an editor after a move, cut + paste or undo. */
export const anchorRepairSchema = z
  .array(
    z
      .strictObject({
        commentId: z.string().regex(COMMENT_ID_PATTERN),
        start: z.string().min(1).max(200).optional(),
        end: z.string().min(1).max(200).optional(),
      })
      .refine((r) => r.start !== undefined || r.end !== undefined, 'a repair changes start, end or both'),
  )
  .max(MAX_ANCHOR_REPAIRS_PER_MESSAGE)

/** "field: problem; field: problem" from a zod error, for `{ error }` responses. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    // A message that already names its field ("org must be …") is not prefixed with it again.
    .map((i) => (i.path.length > 0 && !i.message.startsWith(String(i.path.at(-1))) ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ')
}

/** Request bodies as the server's comment service takes them, after validation. */
export type CreateCommentInput = z.output<typeof createCommentSchema>
export type EditCommentInput = z.output<typeof editCommentSchema>
export type ReanchorInput = z.output<typeof reanchorSchema>
export type MergeInput = z.output<typeof mergeSchema>

/** A time zone the runtime knows (the browser offers `Intl.supportedValuesOf('timeZone')`). */
const timeZoneSchema = z.string().max(64).refine(isTimeZone, 'timeZone must be an IANA time zone such as Europe/Oslo')

/** `PATCH /api/me/preferences`: what is e-mailed, per kind, and when the daily digest goes out. */
export const preferencesSchema = z
  .strictObject({
    email: z.partialRecord(z.enum(NOTIFICATION_KINDS), z.enum(EMAIL_CHOICES, { error: `each choice must be one of: ${EMAIL_CHOICES.join(', ')}` })).optional(),
    digestTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'digestTime must be HH:MM (24-hour)').optional(),
    timeZone: timeZoneSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change: send email, digestTime or timeZone')

/** `POST /api/notifications/read`: the entries to mark read; none named means all. */
export const markReadSchema = z.strictObject({
  ids: z.array(z.string().max(300)).max(500).optional(),
})
