/** Domain types shared by client and server. */
import type { Language } from './i18n/languages'

import type { NotificationPreferences } from './notificationPreferences'

export const ROLES = ['chair', 'editor', 'commenter', 'observer'] as const
export type Role = (typeof ROLES)[number]

export const COMMENT_TYPES = ['general', 'technical', 'editorial'] as const
export type CommentType = (typeof COMMENT_TYPES)[number]

export const DISPOSITIONS = ['accepted', 'accepted-with-modification', 'not-accepted', 'noted'] as const
export type Disposition = (typeof DISPOSITIONS)[number]

export const COMMENT_STATUSES = ['open', 'resolved', 'withdrawn'] as const
/**
 * `draft`: a delegation's comment not yet submitted by its focal point, seen only by that delegation
 * (national consolidation); not among the statuses the committee's lists and charts show.
 */
export type CommentStatus = (typeof COMMENT_STATUSES)[number] | 'draft'

/** Where a draft is in the consultation cycle. */
export const PHASES = ['drafting', 'consultation', 'resolution', 'adopted'] as const
export type Phase = (typeof PHASES)[number]

export type AnchorState = 'anchored' | 'orphaned' | 'general'

/** What a comment is attached to: the whole draft, one recommendation, or a passage of text. */
export type CommentScope = 'draft' | 'recommendation' | 'text'

export interface Participant {
  id: string
  name: string
  org: string
  email?: string
  role: Role
  createdAt: string
  lastSignInAt?: string
  /** Submits their delegation's comments (national consolidation); a Member State may have several. */
  focalPoint?: boolean
  /** When an API token for scripts was first made for this participant (`npm run accord -- token`). */
  apiTokenSince?: string
  revokedAt?: string
  /** The language they chose for the interface; until they choose, their browser's is used. */
  language?: Language
  /** How they want e-mail about each kind of event (defaults: `DEFAULT_PREFERENCES`). */
  notificationPreferences?: Partial<NotificationPreferences>
}

/** The public view of who someone is, as shown next to every comment. */
export interface PersonRef {
  id: string
  name: string
  org: string
}

export interface Me extends PersonRef {
  role: Role
  focalPoint: boolean
  /** The interface language they chose; null until they choose one (the browser's is used meanwhile). */
  language: Language | null
}

export interface DocumentMeta {
  id: string
  title: string
  createdAt: string
  updatedAt: string
  createdBy?: string
  /** Where the draft is in the cycle; drafts from before phases existed are being drafted. */
  phase?: Phase
  /** 1 for the first consultation round (and the drafting before it), 2 for the next, … */
  round?: number
  /** The current or last consultation: its circular's reference and its deadline. */
  consultation?: Consultation
  /** Every change of phase: who (null: the deadline passed) and when. */
  phaseHistory?: PhaseChange[]
  /** The chair lets delegations comment while the draft is being drafted (off by default). */
  commentsOutsideConsultation?: boolean
  /** The language the draft is written in, set at creation: its comment table's headers are in it. */
  language?: Language
}

/** A round of comments by circular, e.g. reference "C.CWS 180", open until its deadline. */
export interface Consultation {
  reference: string
  opensAt: string
  deadline: string
}

export interface PhaseChange {
  phase: Phase
  round: number
  at: string
  /** Null when the deadline moved the draft on by itself. */
  by: PersonRef | null
  reference?: string
  deadline?: string
}

/** Two Yjs relative positions, base64-encoded (`Y.encodeRelativePosition`). */
export interface Anchor {
  start: string
  end: string
}

export interface Reply {
  id: string
  author: PersonRef
  body: string
  createdAt: string
}

export const HISTORY_ACTIONS = [
  'created',
  'edited',
  'replied',
  'applied',
  'reverted',
  'resolved',
  'reopened',
  're-anchored',
  'withdrawn',
  /** A focal point submitted the delegation's draft (detail: the draft's id before it got its public one). */
  'submitted',
  /** A focal point merged another draft into this one (detail: that draft's id). */
  'merged',
] as const
export type HistoryAction = (typeof HISTORY_ACTIONS)[number]

export interface HistoryEntry {
  action: HistoryAction
  by: PersonRef
  at: string
  detail?: string
}

export interface Resolution {
  disposition: Disposition
  note: string
  /** Who decided: a chair, or for a decision that came in an imported table, the name that table gives. */
  by: PersonRef
  at: string
  /** Set when the decision arrived in an imported table rather than being made in Accord. */
  imported?: ImportedDecision
}

/** Where an imported decision came from, and who brought it in. */
export interface ImportedDecision {
  /** The uploaded file's name, when the upload gave one. */
  file: string | null
  /** Its spreadsheet row (the header is row 1). */
  row: number
  /** The chair who imported the table. */
  by: PersonRef
  at: string
}

/** Dispositions that need observations (the reason), as standards bodies require. */
export const DISPOSITIONS_NEEDING_REASON: ReadonlySet<Disposition> = new Set(['not-accepted', 'accepted-with-modification'])

/** A proposed change put into the text. */
export interface Applied {
  by: PersonRef
  at: string
  /** The words the proposal replaced and the words put in (absent on changes applied before they were recorded). */
  before?: string
  after?: string
  /** Where the words put in are: what Revert takes out again, and what other comments' applies must not touch. */
  anchor?: Anchor
}

/** Where in the draft a comment is, as data: formatted for people at the edges (`formatPlace`). */
export type Place =
  | { kind: 'general' }
  /** `action` is the path of 1-based action numbers, e.g. [2, 1]; empty for the recommendation itself. */
  | { kind: 'recommendation'; recommendation: number; action: number[] }
  /** Text outside recommendations, under this heading (the heading's text is the draft's own words). */
  | { kind: 'heading'; heading: string }
  /** Text before the first heading, outside recommendations. */
  | { kind: 'preamble' }

/** A comment as the server stores it: where it is as data, with no words in any language about it. */
export interface StoredComment {
  id: string
  documentId: string
  author: PersonRef
  type: CommentType
  body: string
  proposedChange?: string
  /** The words the proposal was written against (when made or last edited); comments from before: `quote`. */
  proposedAgainst?: string
  /** The words the comment is about: those it was made on, or those an editor re-anchored it to. */
  quote: string
  /** The consultation round it was made in (1, 2, …); comments from before rounds existed: 1. */
  round?: number
  scope: CommentScope
  /** Anchor pairs, newest first: the first that still covers text is the comment's place. */
  anchors: Anchor[]
  /** Computed from the current position; the last known place once its words are deleted. */
  place: Place
  anchorState: AnchorState
  status: CommentStatus
  /** Set by an import when the row's quote could not be found; cleared when anchored. */
  needsAnchoring?: boolean
  resolution?: Resolution
  applied?: Applied
  replies: Reply[]
  history: HistoryEntry[]
  /** Delegates whose drafts a focal point merged into this one: authors too. */
  coAuthors?: PersonRef[]
  /** Support and opposition inside the delegation, while a draft (one per person, the latest). */
  stances?: StanceEntry[]
  /** Set when a focal point submitted it (national consolidation). */
  submittedBy?: PersonRef
  submittedAt?: string
  createdAt: string
  updatedAt: string
  /** Monotonic revision; clients keep the highest they have seen. */
  rev: number
}

export const STANCES = ['support', 'oppose'] as const
export type Stance = (typeof STANCES)[number]

export interface StanceEntry {
  by: PersonRef
  stance: Stance
  at: string
}

/** What a focal point gets back for a submission: each draft with the public id it now has. */
export interface SubmissionReceipt {
  documentId: string
  org: string
  submittedBy: PersonRef
  submittedAt: string
  /** The consultation it was submitted to, if any (reference, e.g. "C.CWS 180"). */
  reference: string | null
  comments: { draftId: string; id: string; type: CommentType; locator: string }[]
}

/** A comment as the API and the live connection send it. */
export interface Comment extends StoredComment {
  /** `place` as English text, e.g. `Recommendation 3 › Action 2`, for scripts; the app formats `place` itself. */
  locator: string
  /** An open proposal whose words have changed since it was written: applying it needs a confirmation. */
  outdated: boolean
}

/** A named state of a draft: the text sent for comment, the revision, the text adopted. */
export interface VersionMeta {
  id: string
  documentId: string
  label: string
  /** `manual`: named by a person; `phase`: made by a change of phase (sent for comment, adopted). */
  kind: 'manual' | 'phase'
  createdAt: string
  createdBy: PersonRef
  note?: string
}

/** A comment as it stood when a version was made. */
export interface VersionComment {
  id: string
  status: CommentStatus
  disposition?: Disposition
}

/** A version with the comments as they stood, as the API lists it. */
export interface Version extends VersionMeta {
  comments: VersionComment[]
}

/** Who typed with each Yjs clientID in a draft (by the server's own record of who sent each update). */
export type DraftAuthors = Record<string, PersonRef>

/** Events pushed to clients over the collaboration socket. */
export type CommentEvent =
  | { kind: 'snapshot'; comments: Comment[] }
  | { kind: 'upsert'; comments: Comment[] }
  /** Comments taken out of the record (a delegation's drafts, once submitted, merged or discarded), as they last were. */
  | { kind: 'remove'; comments: Comment[] }
