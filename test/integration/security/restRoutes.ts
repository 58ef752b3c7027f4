import type { ErrorCode } from '../../../shared/errors'
import { draftFacts } from '../../../shared/phases'
import { type Action, can, commentFacts } from '../../../shared/policy'
import { ROLES, type Comment, type Participant, type Role, type Version } from '../../../shared/types'
import { ERROR_STATUS } from '../../../server/http/errorStatus'
import type { CreateCommentInput } from '../../../shared/validation'
import type { TestServer } from '../../helpers/testServer'

/**
 * The REST authorization matrix as data (issue 3): every route under /api, who may call it, and how to
 * build a request that succeeds for an allowed caller. A new route gets a row in ROUTES; the
 * completeness test in restMatrix.test.ts fails until it does.
 */

export type Column = 'anonymous' | 'forged token' | Role
export const COLUMNS: readonly Column[] = ['anonymous', 'forged token', ...ROLES]
export const FORGED_TOKEN = 'Zm9yZ2VkLXRva2VuLXRoYXQtbm9ib2R5LWV2ZXItaXNzdWVk'

/** Who makes the request: a role with its own participant and token, or nobody. */
export interface Actor {
  column: Column
  token?: string
  /** The participant behind the token; for anonymous and forged actors, the fixture chair. */
  participant: Participant
  canComment: boolean
}

/** What the fixtures offer each row to build a request that would succeed for an allowed role. */
export interface Fixture {
  server: TestServer
  chair: Participant
  /** A draft shared by rows that only read or add. */
  sharedDraft: string
  freshDraft(): Promise<string>
  freshParticipant(): Promise<Participant>
  comment(documentId: string, author: Participant, input?: Partial<CreateCommentInput>): Promise<Comment>
  /** A version of the draft, named by the fixture chair. */
  version(documentId: string): Promise<Version>
}

export interface Prepared {
  params?: Record<string, string>
  /** A JSON body. */
  body?: unknown
  /** A non-JSON body (file uploads) with its content type. */
  upload?: { bytes: string; contentType: string }
  query?: string
  /** The comment the request acts on, for the policy's rules about comments. */
  comment?: Comment
}

export interface RouteCase {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  /** The Express pattern, with the /api prefix. */
  route: string
  /** The policy's action (shared/policy.ts) that decides who may; 'public' needs no sign-in; 'admin' is only for `npm run accord` (per-run secret). */
  access: Action | 'public' | 'admin'
  /** Answered before credentials are looked at (a forged token does not matter). */
  beforeIdentify?: boolean
  /** Status for an allowed caller (default 200). */
  success?: number
  /** Content type of a successful answer (default JSON). */
  contentType?: RegExp
  prepare?(fx: Fixture, actor: Actor): Promise<Prepared>
}

export const COMMENTERS: readonly Role[] = ['chair', 'editor', 'commenter']
const QUOTE = 'Accept electronic filing for all procedures'
export const COMMENTS = '/api/documents/:id/comments'
const VERSIONS = '/api/documents/:id/versions'
const IMPORT_CSV = 'Member State,Type,Location,Quoted text,Comment\r\nNO,te,Recommendation 1,electronic filing,An imported comment.\r\n'

/** A comment on the shared draft; authored by the actor when the actor may comment (edit/withdraw own). */
const ownComment = async (fx: Fixture, actor: Actor): Promise<Prepared> => {
  const c = await fx.comment(fx.sharedDraft, actor.canComment ? actor.participant : fx.chair)
  return { params: { id: fx.sharedDraft, cid: c.id }, comment: c }
}

export const ROUTES: readonly RouteCase[] = [
  { method: 'GET', route: '/api/health', access: 'public', beforeIdentify: true },
  { method: 'GET', route: '/api/me', access: 'workspace.read' },
  { method: 'PATCH', route: '/api/me', access: 'profile.update', prepare: async () => ({ body: { language: 'fr' } }) },
  {
    method: 'POST',
    route: '/api/auth/signin',
    access: 'public',
    prepare: async (fx) => ({ body: { link: await fx.server.participants.invite((await fx.freshParticipant()).id) } }),
  },
  { method: 'POST', route: '/api/auth/signout', access: 'public' },
  { method: 'GET', route: '/api/documents', access: 'workspace.read' },
  { method: 'POST', route: '/api/documents', access: 'draft.create', success: 201, prepare: async () => ({ body: { title: 'Matrix draft' } }) },
  { method: 'GET', route: '/api/documents/:id', access: 'draft.read', prepare: async (fx) => ({ params: { id: fx.sharedDraft } }) },
  {
    method: 'PATCH',
    route: '/api/documents/:id',
    access: 'draft.rename',
    prepare: async (fx) => ({ params: { id: await fx.freshDraft() }, body: { title: 'Renamed draft' } }),
  },
  { method: 'GET', route: '/api/participants', access: 'participants.manage' },
  {
    method: 'POST',
    route: '/api/participants',
    access: 'participants.manage',
    success: 201,
    prepare: async () => ({ body: { name: 'Invited Delegate', org: 'DE', role: 'commenter' } }),
  },
  {
    method: 'POST',
    route: '/api/participants/:id/link',
    access: 'participants.manage',
    success: 201,
    prepare: async (fx) => ({ params: { id: (await fx.freshParticipant()).id }, body: {} }),
  },
  {
    method: 'PATCH',
    route: '/api/participants/:id',
    access: 'participants.manage',
    prepare: async (fx) => ({ params: { id: (await fx.freshParticipant()).id }, body: { role: 'editor' } }),
  },
  {
    method: 'DELETE',
    route: '/api/participants/:id',
    access: 'participants.manage',
    prepare: async (fx) => ({ params: { id: (await fx.freshParticipant()).id } }),
  },
  { method: 'GET', route: COMMENTS, access: 'comment.list', prepare: async (fx) => ({ params: { id: fx.sharedDraft } }) },
  {
    method: 'POST',
    route: COMMENTS,
    access: 'comment.create',
    success: 201,
    prepare: async (fx) => ({ params: { id: fx.sharedDraft }, body: { type: 'general', body: 'A general comment.' } }),
  },
  {
    method: 'GET',
    route: `${COMMENTS}/:cid`,
    access: 'comment.list',
    prepare: async (fx) => onComment(fx.sharedDraft, await fx.comment(fx.sharedDraft, fx.chair)),
  },
  {
    method: 'PATCH',
    route: `${COMMENTS}/:cid`,
    access: 'comment.edit',
    prepare: async (fx, actor) => ({ ...(await ownComment(fx, actor)), body: { body: 'Edited comment.' } }),
  },
  { method: 'DELETE', route: `${COMMENTS}/:cid`, access: 'comment.withdraw', prepare: ownComment },
  {
    method: 'POST',
    route: `${COMMENTS}/:cid/replies`,
    access: 'comment.reply',
    success: 201,
    prepare: async (fx) => ({ ...onComment(fx.sharedDraft, await fx.comment(fx.sharedDraft, fx.chair)), body: { body: 'A reply.' } }),
  },
  {
    method: 'POST',
    route: `${COMMENTS}/:cid/resolve`,
    access: 'comment.decide',
    prepare: async (fx) => ({ ...onComment(fx.sharedDraft, await fx.comment(fx.sharedDraft, fx.chair)), body: { disposition: 'noted' } }),
  },
  {
    method: 'POST',
    route: `${COMMENTS}/:cid/reopen`,
    access: 'comment.reopen',
    prepare: async (fx) => {
      const c = await fx.comment(fx.sharedDraft, fx.chair)
      const resolved = await fx.server.comments.resolve(fx.sharedDraft, c.id, fx.chair, 'accepted', '')
      return { ...onComment(fx.sharedDraft, resolved), body: {} }
    },
  },
  {
    method: 'POST',
    route: `${COMMENTS}/:cid/anchor`,
    access: 'comment.reanchor',
    prepare: async (fx) => {
      const c = await fx.comment(fx.sharedDraft, fx.chair, { anchor: { quote: QUOTE } })
      return { ...onComment(fx.sharedDraft, c), body: { anchor: { quote: 'electronic processing' } } }
    },
  },
  {
    method: 'POST',
    route: `${COMMENTS}/:cid/apply`,
    access: 'comment.apply',
    prepare: async (fx) => {
      const id = await fx.freshDraft()
      const c = await fx.comment(id, fx.chair, { anchor: { quote: QUOTE }, proposedChange: 'Accept e-filing for every procedure' })
      return { ...onComment(id, c), body: {} }
    },
  },
  {
    method: 'POST',
    route: `${COMMENTS}/:cid/revert`,
    access: 'comment.revert',
    prepare: async (fx) => {
      const id = await fx.freshDraft()
      const c = await fx.comment(id, fx.chair, { anchor: { quote: QUOTE }, proposedChange: 'Accept e-filing for every procedure' })
      return { ...onComment(id, await fx.server.proposals.apply(id, c.id, fx.chair, {})), body: {} }
    },
  },
  // National consolidation: no matrix actor is a focal point and the fixture comments are public, so
  // these rows check the refusals; test/integration/consolidation.test.ts covers the way through.
  {
    method: 'POST',
    route: `${COMMENTS}/submit`,
    access: 'comment.submit',
    prepare: async (fx) => ({ params: { id: fx.sharedDraft }, body: { ids: ['MZ-DAAAAAA'] } }),
  },
  {
    method: 'POST',
    route: `${COMMENTS}/:cid/merge`,
    access: 'comment.merge',
    prepare: async (fx, actor) => {
      const { params, comment } = await ownComment(fx, actor)
      return { params, comment, body: { from: 'MZ-DAAAAAA' } }
    },
  },
  {
    method: 'POST',
    route: `${COMMENTS}/:cid/stance`,
    access: 'comment.support',
    prepare: async (fx, actor) => ({ ...(await ownComment(fx, actor)), body: { stance: 'support' } }),
  },
  {
    method: 'POST',
    route: '/api/documents/:id/phase',
    access: 'phase.change',
    prepare: async (fx) => ({
      params: { id: await fx.freshDraft() },
      body: { phase: 'consultation', reference: 'C.CWS 180', deadline: new Date(Date.now() + 86_400_000).toISOString() },
    }),
  },
  {
    method: 'GET',
    route: '/api/documents/:id/redline',
    access: 'draft.export',
    prepare: async (fx) => ({ params: { id: fx.sharedDraft }, query: `?from=${(await fx.version(fx.sharedDraft)).id}&to=live&format=json` }),
  },
  {
    method: 'GET',
    route: '/api/documents/:id/changes',
    access: 'draft.export',
    contentType: /^text\/html/,
    prepare: async (fx) => ({ params: { id: fx.sharedDraft }, query: `?since=${(await fx.version(fx.sharedDraft)).id}&format=html` }),
  },
  {
    method: 'POST',
    route: VERSIONS,
    access: 'version.create',
    success: 201,
    prepare: async (fx) => ({ params: { id: fx.sharedDraft }, body: { label: 'Matrix version' } }),
  },
  { method: 'GET', route: VERSIONS, access: 'draft.read', prepare: async (fx) => ({ params: { id: fx.sharedDraft } }) },
  {
    method: 'GET',
    route: `${VERSIONS}/:vid`,
    access: 'draft.read',
    prepare: async (fx) => ({ params: { id: fx.sharedDraft, vid: (await fx.version(fx.sharedDraft)).id } }),
  },
  {
    method: 'GET',
    route: `${VERSIONS}/:vid/export`,
    access: 'draft.export',
    contentType: /^text\/markdown/,
    prepare: async (fx) => ({ params: { id: fx.sharedDraft, vid: (await fx.version(fx.sharedDraft)).id }, query: '?format=md' }),
  },
  {
    method: 'POST',
    route: `${VERSIONS}/:vid/restore`,
    access: 'version.restore',
    prepare: async (fx) => {
      const id = await fx.freshDraft()
      return { params: { id, vid: (await fx.version(id)).id }, body: {} }
    },
  },
  {
    method: 'GET',
    route: `${COMMENTS}/export`,
    access: 'comment.export',
    contentType: /^text\/csv/,
    prepare: async (fx) => ({ params: { id: fx.sharedDraft }, query: '?format=csv' }),
  },
  {
    method: 'GET',
    route: '/api/documents/:id/export',
    access: 'draft.export',
    contentType: /^text\/markdown/,
    prepare: async (fx) => ({ params: { id: fx.sharedDraft }, query: '?format=md' }),
  },
  {
    method: 'POST',
    route: `${COMMENTS}/import/preview`,
    access: 'comment.import',
    prepare: async (fx) => ({ params: { id: fx.sharedDraft }, upload: { bytes: IMPORT_CSV, contentType: 'text/csv' } }),
  },
  {
    method: 'POST',
    route: `${COMMENTS}/import`,
    access: 'comment.import',
    success: 201,
    prepare: async (fx) => ({ params: { id: await fx.freshDraft() }, upload: { bytes: IMPORT_CSV, contentType: 'text/csv' } }),
  },
  { method: 'GET', route: '/api/notifications', access: 'workspace.read' },
  { method: 'GET', route: '/api/people', access: 'workspace.read' },
  { method: 'POST', route: '/api/notifications/read', access: 'workspace.read', prepare: async () => ({ body: {} }) },
  { method: 'GET', route: '/api/notifications/deliveries', access: 'participants.manage' },
  { method: 'GET', route: '/api/me/preferences', access: 'workspace.read' },
  { method: 'PATCH', route: '/api/me/preferences', access: 'workspace.read', prepare: async () => ({ body: { email: { reply: 'digest' } } }) },
  {
    method: 'GET',
    route: '/api/unsubscribe',
    access: 'public',
    beforeIdentify: true,
    contentType: /^text\/html/,
    prepare: async (fx) => ({ query: `?token=${fx.server.notifications.unsubscribeToken((await fx.freshParticipant()).id, 'reply')}` }),
  },
  {
    method: 'POST',
    route: '/api/unsubscribe',
    access: 'public',
    beforeIdentify: true,
    prepare: async (fx) => ({ query: `?token=${fx.server.notifications.unsubscribeToken((await fx.freshParticipant()).id, 'digest')}` }),
  },
  {
    method: 'POST',
    route: '/api/admin/token',
    access: 'admin',
    beforeIdentify: true,
    prepare: async () => ({ body: { name: 'Script', org: 'NO', role: 'chair' } }),
  },
  {
    method: 'POST',
    route: '/api/admin/link',
    access: 'admin',
    beforeIdentify: true,
    prepare: async () => ({ body: { name: 'Script', org: 'NO', role: 'chair' } }),
  },
]

/**
 * The status and error code a column must get on a route: what the policy decides for that role, on the
 * draft the route names (its phase, by the server's clock) and the comment it acts on.
 */
export async function expected(fx: Fixture, c: RouteCase, actor: Actor, prepared: Prepared): Promise<{ status: number; code?: ErrorCode }> {
  const success = { status: c.success ?? 200 }
  if (c.access === 'admin') return { status: 403, code: 'auth.adminOnly' }
  if (actor.column === 'forged token') return c.beforeIdentify ? success : { status: 401, code: 'auth.tokenInvalid' }
  if (c.access === 'public') return success
  if (actor.column === 'anonymous') return { status: 401, code: 'auth.signInRequired' }
  const documentId = prepared.params?.id
  const meta = documentId ? await fx.server.documents.get(documentId).catch(() => undefined) : undefined
  const context = { now: Date.now(), ...(meta ? { draft: draftFacts(meta) } : {}), ...(prepared.comment ? { comment: commentFacts(prepared.comment) } : {}) }
  const decision = can(actor.participant, c.access, context)
  return decision.allowed ? success : { status: ERROR_STATUS[decision.code], code: decision.code }
}

/** Params for a request on one comment, and the comment for the policy. */
function onComment(documentId: string, comment: Comment): Prepared {
  return { params: { id: documentId, cid: comment.id }, comment }
}

export function fill(route: string, params: Record<string, string> = {}): string {
  return route.replace(/:(\w+)/g, (_m, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`row ${route} needs a value for :${name}`)
    return encodeURIComponent(value)
  })
}
