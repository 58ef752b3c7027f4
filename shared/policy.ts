import { isCountryCode } from './countries'
import { AccordError, type CodedError } from './errors'
import { type DraftFacts, consultationClosed } from './phases'
import { type Comment, type CommentStatus, ROLES, type Role } from './types'

/**
 * Who may do what: one table of actions, asked by the REST routes, the relay (per message) and the
 * browser (which buttons exist). A rule names the roles that may act at all, then may look at the
 * context: the draft's phase, the time, the comment acted on (its author, org and state).
 */

/** The person acting, as the policy sees them. */
export interface PolicyPrincipal {
  id: string
  role: Role
  org: string
  /** Designated to submit their delegation's comments (national consolidation). */
  focalPoint?: boolean
}

/** What a rule may know about the comment acted on. */
export interface CommentFacts {
  id: string
  authorId: string
  org: string
  status: CommentStatus
}

export interface PolicyContext {
  /** The draft acted on: its phase, round, consultation and settings (rules about phases look only when given). */
  draft?: DraftFacts
  /** The clock, ms since the epoch (deadlines); the server's own for everything it enforces. */
  now?: number
  /** The comment acted on; rules about comments only look at it when it is given. */
  comment?: CommentFacts
}

/** Why an action is refused: an error code with its parameters. */
export type Denial = CodedError
export type Decision = { allowed: true } | ({ allowed: false } & Denial)

interface Rule {
  roles: readonly Role[]
  /** Further conditions on the context: null when they hold. */
  when?: (principal: PolicyPrincipal, context: PolicyContext) => Denial | null
}

const ALL = ROLES
const COMMENTING: readonly Role[] = ['chair', 'editor', 'commenter']
const WRITERS: readonly Role[] = ['chair', 'editor']
const CHAIRS: readonly Role[] = ['chair']

type Condition = (principal: PolicyPrincipal, context: PolicyContext) => Denial | null

const authorOfOpen =
  (verb: 'edit' | 'withdraw') =>
  (principal: PolicyPrincipal, { comment }: PolicyContext): Denial | null => {
    if (!comment) return null
    // A delegation's draft is changed by its author, or by a focal point of that delegation.
    if (comment.status === 'draft') return comment.authorId === principal.id || focalPointFor(principal, comment) ? null : notAuthor(comment, verb)
    if (comment.authorId !== principal.id) return notAuthor(comment, verb)
    if (comment.status !== 'open') return { code: 'policy.commentNotOpen', params: { commentId: comment.id, status: comment.status } }
    return null
  }

const notAuthor = (comment: CommentFacts, verb: 'edit' | 'withdraw'): Denial => ({ code: 'policy.notAuthor', params: { commentId: comment.id, verb } })

/** Whether `principal` speaks for the delegation that wrote `comment`. */
const focalPointFor = (principal: PolicyPrincipal, comment: CommentFacts) => principal.focalPoint === true && principal.org === comment.org

/**
 * Who may be designated a delegation's focal point: a commenter or editor of a Member State (an ISO 3166-1
 * code), since a focal point speaks for a country's delegation. The server enforces it; the Participants
 * page offers the choice only where it holds.
 */
export const mayBeFocalPoint = (p: { org: string; role: Role }): boolean => isCountryCode(p.org) && (p.role === 'commenter' || p.role === 'editor')

/** Focal points submit and merge their delegation's drafts, and nobody else does. */
const focalPointOnly: Condition = (principal, { comment }): Denial | null => {
  if (!principal.focalPoint) return { code: 'policy.notFocalPoint', params: {} }
  if (comment && comment.org !== principal.org) return { code: 'comment.notFound', params: { commentId: comment.id } }
  return null
}

/** Only drafts are submitted, merged or supported. */
const draftOnly: Condition = (_principal, { comment }) =>
  comment && comment.status !== 'draft' ? { code: 'policy.notDraft', params: { commentId: comment.id } } : null

/** The committee decides on (and applies) only what a delegation submitted. */
const submittedOnly: Condition = (_principal, { comment }) =>
  comment?.status === 'draft' ? { code: 'policy.draftNotSubmitted', params: { commentId: comment.id } } : null

/** Support and opposition are voiced within the delegation that wrote the draft. */
const sameDelegation: Condition = (principal, { comment }) =>
  comment && comment.org !== principal.org ? { code: 'comment.notFound', params: { commentId: comment.id } } : null

/** A withdrawn comment stays in the record as it was: no replies, decisions or applied changes. */
const notWithdrawn = (_principal: PolicyPrincipal, { comment }: PolicyContext): Denial | null =>
  comment?.status === 'withdrawn' ? { code: 'policy.commentWithdrawn', params: { commentId: comment.id } } : null

const resolvedOnly = (_principal: PolicyPrincipal, { comment }: PolicyContext): Denial | null =>
  comment && comment.status !== 'resolved' ? { code: 'policy.commentNotResolved', params: { commentId: comment.id } } : null


/** Every condition must hold; the first that does not says why. */
const all =
  (...conditions: Condition[]): Condition =>
  (principal, context) => {
    for (const condition of conditions) {
      const denial = condition(principal, context)
      if (denial) return denial
    }
    return null
  }

const consultationOf = (draft: DraftFacts) => ({ reference: draft.consultation?.reference ?? '', deadline: draft.consultation?.deadline ?? '' })

/** The text changes only while drafting or resolving: frozen while Member States comment, and once adopted. */
const textOpen: Condition = (_principal, { draft }) => {
  if (draft?.phase === 'consultation') return { code: 'phase.textFrozen', params: consultationOf(draft) }
  if (draft?.phase === 'adopted') return { code: 'phase.adopted', params: {} }
  return null
}

/** Nothing about an adopted text changes: no comments, replies or decisions. */
const notAdopted: Condition = (_principal, { draft }) => (draft?.phase === 'adopted' ? { code: 'phase.adopted', params: {} } : null)

/**
 * Who may comment when: during a consultation everyone who comments, until the deadline by the
 * server's clock; otherwise the Task Force (and delegations while drafting, if the chair allows it).
 */
const commentsOpen =
  (repliesInResolution: boolean): Condition =>
  (principal, { draft, now }): Denial | null => {
    if (!draft) return null
    switch (draft.phase) {
      case 'drafting':
        return principal.role === 'commenter' && !draft.commentsOutsideConsultation ? { code: 'phase.commentsNotOpen', params: { phase: draft.phase } } : null
      case 'consultation':
        return draft.consultation && now !== undefined && consultationClosed(draft.consultation, now)
          ? { code: 'phase.commentsClosed', params: consultationOf(draft) }
          : null
      case 'resolution':
        if (principal.role !== 'commenter' || repliesInResolution) return null
        // After a consultation, the answer a delegation needs is that its comment period has closed.
        return draft.consultation ? { code: 'phase.commentsClosed', params: consultationOf(draft) } : { code: 'phase.commentsNotOpen', params: { phase: draft.phase } }
      case 'adopted':
        return { code: 'phase.adopted', params: {} }
      default: {
        const never: never = draft.phase
        throw new Error(`unknown phase ${String(never)}`)
      }
    }
  }

/** A delegation's draft is seen by its own delegation only; everything else by everyone. */
const visibleToViewer = (principal: PolicyPrincipal, { comment }: PolicyContext): Denial | null =>
  comment?.status === 'draft' && comment.org !== principal.org ? { code: 'comment.notFound', params: { commentId: comment.id } } : null

/** Every action, with its rule. */
export const POLICY = {
  /** Who one is, the list of drafts. */
  'workspace.read': { roles: ALL },
  /** One's own settings (the interface language). */
  'profile.update': { roles: ALL },
  'draft.read': { roles: ALL },
  'draft.create': { roles: WRITERS },
  'draft.rename': { roles: WRITERS },
  /** Per-draft settings (whether delegations may comment outside a consultation). */
  'draft.settings': { roles: CHAIRS },
  'draft.export': { roles: ALL },
  /** Receive the text and ask for what one lacks (sync step 1). */
  'text.read': { roles: ALL },
  /** Change the text (sync step 2 and updates). */
  'text.edit': { roles: WRITERS, when: textOpen },
  /** Show one's caret and selection to others. */
  'presence.publish': { roles: ALL },
  'comment.list': { roles: ALL },
  /** See one comment (lists, single reads, exports, pushed events are filtered by it). */
  'comment.view': { roles: ALL, when: visibleToViewer },
  'comment.create': { roles: COMMENTING, when: commentsOpen(false) },
  'comment.edit': { roles: COMMENTING, when: all(authorOfOpen('edit'), commentsOpen(false)) },
  'comment.withdraw': { roles: COMMENTING, when: all(authorOfOpen('withdraw'), commentsOpen(false)) },
  'comment.reply': { roles: COMMENTING, when: all(notWithdrawn, commentsOpen(true)) },
  'comment.decide': { roles: CHAIRS, when: all(notWithdrawn, submittedOnly, notAdopted) },
  'comment.reopen': { roles: CHAIRS, when: all(resolvedOnly, notAdopted) },
  'comment.reanchor': { roles: WRITERS, when: all(submittedOnly, notAdopted) },
  'comment.apply': { roles: WRITERS, when: all(notWithdrawn, submittedOnly, textOpen) },
  /** Put back the words an applied proposal replaced. */
  'comment.revert': { roles: WRITERS, when: all(notWithdrawn, submittedOnly, textOpen) },
  /** A focal point submits drafts of their delegation while comments are open. */
  'comment.submit': { roles: COMMENTING, when: all(focalPointOnly, draftOnly, commentsOpen(false)) },
  /** A focal point merges two drafts of their delegation into one. */
  'comment.merge': { roles: COMMENTING, when: all(focalPointOnly, draftOnly, commentsOpen(false)) },
  /** Members of a delegation support or oppose each other's drafts. */
  'comment.support': { roles: COMMENTING, when: all(sameDelegation, draftOnly) },
  /** Send new anchors for comments whose words one's own edit moved. */
  'comment.repairAnchors': { roles: WRITERS, when: textOpen },
  'comment.export': { roles: ALL },
  'comment.import': { roles: CHAIRS, when: notAdopted },
  'participants.manage': { roles: CHAIRS },
  'version.create': { roles: WRITERS },
  /** Make the live draft read as a version does (a forward edit). */
  'version.restore': { roles: CHAIRS, when: textOpen },
  'phase.change': { roles: CHAIRS },
} as const satisfies Record<string, Rule>

export type Action = keyof typeof POLICY
export const ACTIONS = Object.keys(POLICY) as Action[]

const ALLOWED: Decision = { allowed: true }

/** Whether `principal` may do `action` in `context`, and if not, why. */
export function can(principal: PolicyPrincipal, action: Action, context: PolicyContext = {}): Decision {
  const rule: Rule = POLICY[action]
  if (!rule.roles.includes(principal.role)) {
    return { allowed: false, code: 'policy.role', params: { allowed: [...rule.roles], role: principal.role } }
  }
  const denial = rule.when?.(principal, context)
  return denial ? { allowed: false, ...denial } : ALLOWED
}

/** `can(...).allowed`, for code that only needs yes or no (which buttons to show). */
export const allows = (principal: PolicyPrincipal, action: Action, context?: PolicyContext): boolean =>
  can(principal, action, context).allowed

/** Throws the denial as an AccordError when `principal` may not do `action`. */
export function assertAllowed(principal: PolicyPrincipal, action: Action, context?: PolicyContext): void {
  const decision = can(principal, action, context)
  if (!decision.allowed) throw new AccordError(decision.code, decision.params)
}

/** The facts the policy needs about a comment. */
export const commentFacts = (comment: Pick<Comment, 'id' | 'author' | 'status'>): CommentFacts => ({
  id: comment.id,
  authorId: comment.author.id,
  org: comment.author.org,
  status: comment.status,
})

/** Whether `viewer` may see `comment` (lists, single reads, exports and pushed events all ask this). */
export const canView = (viewer: PolicyPrincipal, comment: Pick<Comment, 'id' | 'author' | 'status'>): boolean =>
  allows(viewer, 'comment.view', { comment: commentFacts(comment) })

/**
 * Viewers with the same audience see the same comments (`comment.view` looks only at the viewer's org),
 * so per-viewer lists can be cached per audience.
 */
export const audienceOf = (principal: PolicyPrincipal): string => `org:${principal.org}`
