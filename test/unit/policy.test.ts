import { describe, expect, it } from 'vitest'
import type { ErrorCode } from '../../shared/errors'
import { ACTIONS, type Action, type CommentFacts, type PolicyPrincipal, audienceOf, can } from '../../shared/policy'
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
  'draft.read': ROLES,
  'draft.create': ['chair', 'editor'],
  'draft.rename': ['chair', 'editor'],
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
  'phase.change': ['chair'],
}

const CASES = ['no comment', 'own open', "another's open", 'own resolved', "another's withdrawn", 'own draft', "another delegation's draft"] as const
type Case = (typeof CASES)[number]

/** Outcomes that differ from "allowed" for a role that may act, per comment case. */
const ON_COMMENTS: Partial<Record<Action, Partial<Record<Case, ErrorCode>>>> = {
  'comment.view': { "another delegation's draft": 'comment.notFound' },
  'comment.edit': {
    "another's open": 'policy.notAuthor',
    'own resolved': 'policy.commentNotOpen',
    "another's withdrawn": 'policy.notAuthor',
    'own draft': 'policy.commentNotOpen',
    "another delegation's draft": 'policy.notAuthor',
  },
  'comment.withdraw': {
    "another's open": 'policy.notAuthor',
    'own resolved': 'policy.commentNotOpen',
    "another's withdrawn": 'policy.notAuthor',
    'own draft': 'policy.commentNotOpen',
    "another delegation's draft": 'policy.notAuthor',
  },
  'comment.reply': { "another's withdrawn": 'policy.commentWithdrawn' },
  'comment.decide': { "another's withdrawn": 'policy.commentWithdrawn' },
  'comment.apply': { "another's withdrawn": 'policy.commentWithdrawn' },
  'comment.revert': { "another's withdrawn": 'policy.commentWithdrawn' },
  'comment.reopen': {
    'own open': 'policy.commentNotResolved',
    "another's open": 'policy.commentNotResolved',
    "another's withdrawn": 'policy.commentNotResolved',
    'own draft': 'policy.commentNotResolved',
    "another delegation's draft": 'policy.commentNotResolved',
  },
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
    case "another delegation's draft":
      return { ...other, status: 'draft' }
    default: {
      const never: never = c
      throw new Error(`unknown case ${String(never)}`)
    }
  }
}

function expected(action: Action, role: Role, c: Case): Outcome {
  if (!ROLES_OF[action].includes(role)) return 'policy.role'
  return ON_COMMENTS[action]?.[c] ?? Y
}

describe('the policy', () => {
  it('states a rule for every action', () => {
    expect(Object.keys(ROLES_OF).sort()).toEqual([...ACTIONS].sort())
  })

  const cells = ACTIONS.flatMap((action) => ROLES.flatMap((role) => CASES.map((c) => [action, role, c] as const)))

  it(`decides every cell of the matrix (${ACTIONS.length} actions × ${ROLES.length} roles × ${CASES.length} comment cases) as stated`, () => {
    const wrong: string[] = []
    for (const [action, role, c] of cells) {
      const viewer = person(role)
      const comment = commentFor(c, viewer)
      const decision = can(viewer, action, comment ? { comment } : {})
      const got: Outcome = decision.allowed ? Y : decision.code
      const want = expected(action, role, c)
      if (got !== want) wrong.push(`${action} by ${role} on ${c}: ${got}, expected ${want}`)
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
