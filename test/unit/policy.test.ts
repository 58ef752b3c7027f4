import { describe, expect, it } from 'vitest'
import type { ErrorCode } from '../../shared/errors'
import { ACTIONS, type Action, type CommentFacts, type PolicyPrincipal, audienceOf, can } from '../../shared/policy'
import type { DraftFacts } from '../../shared/phases'
import { ROLES, type Role } from '../../shared/types'

/**
 * The policy as people would state it, independently of shared/policy.ts: which roles may do each action,
 * and what happens on each kind of comment. The test builds the whole matrix (actions × roles × comment
 * cases) from this statement and checks `can()` against every cell. A new action fails until it has a row.
 */

const Y = 'allowed'
type Outcome = typeof Y | ErrorCode

/** The roles that may act at all. */
const ROLES_OF: Record<Action, readonly Role[]> = {
  'workspace.read': ROLES,
  'profile.update': ROLES,
  'draft.read': ROLES,
  'draft.create': ['chair', 'editor'],
  'draft.rename': ['chair', 'editor'],
  'draft.settings': ['chair'],
  'draft.export': ROLES,
  'text.read': ROLES,
  'text.edit': ['chair', 'editor'],
  'presence.publish': ROLES,
  'comment.list': ROLES,
  'comment.view': ROLES,
  'comment.create': ['chair', 'editor', 'commenter'],
  'comment.edit': ['chair', 'editor', 'commenter'],
  'comment.withdraw': ['chair', 'editor', 'commenter'],
  'comment.reply': ['chair', 'editor', 'commenter'],
  'comment.decide': ['chair'],
  'comment.reopen': ['chair'],
  'comment.reanchor': ['chair', 'editor'],
  'comment.apply': ['chair', 'editor'],
  'comment.revert': ['chair', 'editor'],
  'comment.repairAnchors': ['chair', 'editor'],
  'comment.export': ROLES,
  'comment.import': ['chair'],
  'participants.manage': ['chair'],
  'version.create': ['chair', 'editor'],
  'version.restore': ['chair'],
  'comment.submit': ['chair', 'editor', 'commenter'],
  'comment.merge': ['chair', 'editor', 'commenter'],
  'comment.support': ['chair', 'editor', 'commenter'],
  'phase.change': ['chair'],
}

const CASES = [
  'no comment',
  'own open',
  "another's open",
  'own resolved',
  "another's withdrawn",
  'own draft',
  "a fellow delegate's draft",
  "another delegation's draft",
] as const
type Case = (typeof CASES)[number]

const DRAFTS: readonly Case[] = ['own draft', "a fellow delegate's draft", "another delegation's draft"]
/** Comments by another delegation (MX), for a viewer of NO. */
const OTHER_DELEGATION: readonly Case[] = ["another's open", "another's withdrawn", "another delegation's draft"]
const NOT_DRAFTS: readonly Case[] = ['own open', "another's open", 'own resolved', "another's withdrawn"]

/** Outcomes that differ from "allowed" for a role that may act, per comment case, for someone who is not a focal point. */
const ON_COMMENTS: Partial<Record<Action, Partial<Record<Case, ErrorCode>>>> = {
  'comment.view': { "another delegation's draft": 'comment.notFound' },
  'comment.edit': {
    "another's open": 'policy.notAuthor',
    'own resolved': 'policy.commentNotOpen',
    "another's withdrawn": 'policy.notAuthor',
    "a fellow delegate's draft": 'policy.notAuthor',
    "another delegation's draft": 'policy.notAuthor',
  },
  'comment.withdraw': {
    "another's open": 'policy.notAuthor',
    'own resolved': 'policy.commentNotOpen',
    "another's withdrawn": 'policy.notAuthor',
    "a fellow delegate's draft": 'policy.notAuthor',
    "another delegation's draft": 'policy.notAuthor',
  },
  'comment.reply': { "another's withdrawn": 'policy.commentWithdrawn' },
  'comment.decide': { "another's withdrawn": 'policy.commentWithdrawn', ...each(DRAFTS, 'policy.draftNotSubmitted') },
  'comment.apply': { "another's withdrawn": 'policy.commentWithdrawn', ...each(DRAFTS, 'policy.draftNotSubmitted') },
  'comment.revert': { "another's withdrawn": 'policy.commentWithdrawn', ...each(DRAFTS, 'policy.draftNotSubmitted') },
  'comment.reanchor': each(DRAFTS, 'policy.draftNotSubmitted'),
  'comment.reopen': {
    'own open': 'policy.commentNotResolved',
    "another's open": 'policy.commentNotResolved',
    "another's withdrawn": 'policy.commentNotResolved',
    ...each(DRAFTS, 'policy.commentNotResolved'),
  },
  'comment.submit': each(CASES, 'policy.notFocalPoint'),
  'comment.merge': each(CASES, 'policy.notFocalPoint'),
  'comment.support': { ...each(NOT_DRAFTS, 'policy.notDraft'), ...each(OTHER_DELEGATION, 'comment.notFound') },
}

/** What changes for a focal point of NO: they change, submit and merge their delegation's drafts. */
const FOR_FOCAL_POINTS: Partial<Record<Action, Partial<Record<Case, ErrorCode | typeof Y>>>> = {
  'comment.edit': { "a fellow delegate's draft": Y },
  'comment.withdraw': { "a fellow delegate's draft": Y },
  'comment.submit': { ...each(CASES, Y), ...each(NOT_DRAFTS, 'policy.notDraft'), ...each(OTHER_DELEGATION, 'comment.notFound') },
  'comment.merge': { ...each(CASES, Y), ...each(NOT_DRAFTS, 'policy.notDraft'), ...each(OTHER_DELEGATION, 'comment.notFound') },
}

function each<T>(cases: readonly Case[], outcome: T): Partial<Record<Case, T>> {
  return Object.fromEntries(cases.map((c) => [c, outcome]))
}

const PHASE_CASES = [
  'no draft facts',
  'drafting',
  'drafting, delegations may comment',
  'consultation, open',
  'consultation, after the deadline',
  'resolution',
  'adopted',
] as const
type PhaseCase = (typeof PHASE_CASES)[number]

const NOW = Date.parse('2026-12-06T12:00:00Z')
const consultation = (deadline: number) => ({ reference: 'C.CWS 180', opensAt: '2026-11-01T00:00:00Z', deadline: new Date(deadline).toISOString() })

function draftFor(c: PhaseCase): DraftFacts | undefined {
  switch (c) {
    case 'no draft facts':
      return undefined
    case 'drafting':
      return { phase: 'drafting', round: 1, commentsOutsideConsultation: false }
    case 'drafting, delegations may comment':
      return { phase: 'drafting', round: 1, commentsOutsideConsultation: true }
    case 'consultation, open':
      return { phase: 'consultation', round: 1, consultation: consultation(NOW + 1), commentsOutsideConsultation: false }
    case 'consultation, after the deadline':
      // The deadline is the first moment at which comments are closed.
      return { phase: 'consultation', round: 1, consultation: consultation(NOW), commentsOutsideConsultation: false }
    case 'resolution':
      return { phase: 'resolution', round: 1, consultation: consultation(NOW - 1000), commentsOutsideConsultation: false }
    case 'adopted':
      return { phase: 'adopted', round: 1, commentsOutsideConsultation: false }
    default: {
      const never: never = c
      throw new Error(`unknown phase case ${String(never)}`)
    }
  }
}

/** Actions that change the text, frozen during a consultation and after adoption. */
const CHANGES_TEXT: readonly Action[] = ['text.edit', 'comment.apply', 'comment.revert', 'comment.repairAnchors', 'version.restore']
/** Actions of someone commenting: open to delegations during a consultation, until its deadline. */
const COMMENTS: readonly Action[] = ['comment.create', 'comment.edit', 'comment.withdraw', 'comment.submit', 'comment.merge']
/** Actions on comments that stop once the text is adopted. */
const DECISIONS: readonly Action[] = ['comment.decide', 'comment.reopen', 'comment.reanchor', 'comment.import']

/** The phase rules, as the issue states them. */
function phaseOutcome(action: Action, role: Role, c: PhaseCase): ErrorCode | null {
  const commenting = COMMENTS.includes(action) || action === 'comment.reply'
  switch (c) {
    case 'no draft facts':
    case 'drafting, delegations may comment':
      return null
    case 'drafting':
      return commenting && role === 'commenter' ? 'phase.commentsNotOpen' : null
    case 'consultation, open':
      return CHANGES_TEXT.includes(action) ? 'phase.textFrozen' : null
    case 'consultation, after the deadline':
      return CHANGES_TEXT.includes(action) ? 'phase.textFrozen' : commenting ? 'phase.commentsClosed' : null
    case 'resolution':
      // This resolution follows a consultation: its comment period has closed.
      return COMMENTS.includes(action) && role === 'commenter' ? 'phase.commentsClosed' : null
    case 'adopted':
      return CHANGES_TEXT.includes(action) || commenting || DECISIONS.includes(action) ? 'phase.adopted' : null
    default: {
      const never: never = c
      throw new Error(`unknown phase case ${String(never)}`)
    }
  }
}

const person = (role: Role): PolicyPrincipal => ({ id: `p-${role}`, role, org: 'NO' })

function commentFor(c: Case, viewer: PolicyPrincipal): CommentFacts | undefined {
  const own = { id: 'NO-001', authorId: viewer.id, org: viewer.org }
  const other = { id: 'MX-001', authorId: 'someone-else', org: 'MX' }
  switch (c) {
    case 'no comment':
      return undefined
    case 'own open':
      return { ...own, status: 'open' }
    case "another's open":
      return { ...other, status: 'open' }
    case 'own resolved':
      return { ...own, status: 'resolved' }
    case "another's withdrawn":
      return { ...other, status: 'withdrawn' }
    case 'own draft':
      return { ...own, status: 'draft' }
    case "a fellow delegate's draft":
      return { id: 'NO-DFELLOW', authorId: 'fellow-delegate', org: viewer.org, status: 'draft' }
    case "another delegation's draft":
      return { ...other, status: 'draft' }
    default: {
      const never: never = c
      throw new Error(`unknown case ${String(never)}`)
    }
  }
}

function expected(action: Action, role: Role, focal: boolean, c: Case, p: PhaseCase): Outcome {
  if (!ROLES_OF[action].includes(role)) return 'policy.role'
  const onComment = (focal ? FOR_FOCAL_POINTS[action]?.[c] : undefined) ?? ON_COMMENTS[action]?.[c]
  if (onComment !== undefined && onComment !== Y) return onComment
  return phaseOutcome(action, role, p) ?? Y
}

describe('the policy', () => {
  it('states a rule for every action', () => {
    expect(Object.keys(ROLES_OF).sort()).toEqual([...ACTIONS].sort())
  })

  const cells = ACTIONS.flatMap((action) =>
    ROLES.flatMap((role) => [false, true].flatMap((focal) => CASES.flatMap((c) => PHASE_CASES.map((p) => [action, role, focal, c, p] as const)))),
  )

  it(`decides every cell of the matrix (${ACTIONS.length} actions × ${ROLES.length} roles × focal point or not × ${CASES.length} comment cases × ${PHASE_CASES.length} phases) as stated`, () => {
    const wrong: string[] = []
    for (const [action, role, focal, c, p] of cells) {
      const viewer = { ...person(role), focalPoint: focal }
      const comment = commentFor(c, viewer)
      const draft = draftFor(p)
      const decision = can(viewer, action, { ...(comment ? { comment } : {}), ...(draft ? { draft } : {}), now: NOW })
      const got: Outcome = decision.allowed ? Y : decision.code
      const want = expected(action, role, focal, c, p)
      if (got !== want) wrong.push(`${action} by ${role}${focal ? ' (focal point)' : ''} on ${c}, ${p}: ${got}, expected ${want}`)
    }
    console.log(`policy matrix: ${cells.length} cells checked`)
    expect(wrong).toEqual([])
  })

  it('says which roles may when it refuses a role', () => {
    const decision = can(person('commenter'), 'comment.decide')
    expect(decision).toEqual({ allowed: false, code: 'policy.role', params: { allowed: ['chair'], role: 'commenter' } })
  })

  it('gives viewers of one org one audience, and other orgs another', () => {
    expect(audienceOf({ id: 'a', role: 'chair', org: 'NO' })).toBe(audienceOf({ id: 'b', role: 'observer', org: 'NO' }))
    expect(audienceOf({ id: 'a', role: 'chair', org: 'NO' })).not.toBe(audienceOf({ id: 'c', role: 'chair', org: 'MX' }))
  })
})
