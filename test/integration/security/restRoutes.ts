import { ROLES, type Comment, type Participant, type Role } from '../../../shared/types'
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
}

export interface Prepared {
  params?: Record<string, string>
  /** A JSON body. */
  body?: unknown
  /** A non-JSON body (file uploads) with its content type. */
  upload?: { bytes: string; contentType: string }
  query?: string
}

export interface RouteCase {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  /** The Express pattern, with the /api prefix. */
  route: string
  /** Roles allowed; 'public' needs no sign-in; 'admin' is only for `npm run accord` (per-run secret). */
  access: readonly Role[] | 'public' | 'admin'
  /** Answered before credentials are looked at (a forged token does not matter). */
  beforeIdentify?: boolean
  /** Status for an allowed caller (default 200). */
  success?: number
  /** Content type of a successful answer (default JSON). */
  contentType?: RegExp
  prepare?(fx: Fixture, actor: Actor): Promise<Prepared>
}

const ALL: readonly Role[] = ROLES
export const COMMENTERS: readonly Role[] = ['chair', 'editor', 'commenter']
const WRITERS: readonly Role[] = ['chair', 'editor']
const CHAIRS: readonly Role[] = ['chair']
const QUOTE = 'Accept electronic filing for all procedures'
export const COMMENTS = '/api/documents/:id/comments'
const IMPORT_CSV = 'Member State,Type,Location,Quoted text,Comment\r\nNO,te,Recommendation 1,electronic filing,An imported comment.\r\n'

/** A comment on the shared draft; authored by the actor when the actor may comment (edit/withdraw own). */
const ownComment = async (fx: Fixture, actor: Actor): Promise<Prepared> => {
  const c = await fx.comment(fx.sharedDraft, actor.canComment ? actor.participant : fx.chair)
  return { params: { id: fx.sharedDraft, cid: c.id } }
}

export const ROUTES: readonly RouteCase[] = [
  { method: 'GET', route: '/api/health', access: 'public', beforeIdentify: true },
  { method: 'GET', route: '/api/me', access: ALL },
  {
    method: 'POST',
    route: '/api/auth/signin',
    access: 'public',
    prepare: async (fx) => ({ body: { link: await fx.server.participants.invite((await fx.freshParticipant()).id) } }),
  },
  { method: 'POST', route: '/api/auth/signout', access: 'public' },
  { method: 'GET', route: '/api/documents', access: ALL },
  { method: 'POST', route: '/api/documents', access: WRITERS, success: 201, prepare: async () => ({ body: { title: 'Matrix draft' } }) },
  { method: 'GET', route: '/api/documents/:id', access: ALL, prepare: async (fx) => ({ params: { id: fx.sharedDraft } }) },
  {
    method: 'PATCH',
    route: '/api/documents/:id',
    access: WRITERS,
    prepare: async (fx) => ({ params: { id: await fx.freshDraft() }, body: { title: 'Renamed draft' } }),
  },
  { method: 'GET', route: '/api/participants', access: CHAIRS },
  {
    method: 'POST',
    route: '/api/participants',
    access: CHAIRS,
    success: 201,
    prepare: async () => ({ body: { name: 'Invited Delegate', org: 'DE', role: 'commenter' } }),
  },
  {
    method: 'POST',
    route: '/api/participants/:id/link',
    access: CHAIRS,
    success: 201,
    prepare: async (fx) => ({ params: { id: (await fx.freshParticipant()).id }, body: {} }),
  },
  {
    method: 'PATCH',
    route: '/api/participants/:id',
    access: CHAIRS,
    prepare: async (fx) => ({ params: { id: (await fx.freshParticipant()).id }, body: { role: 'editor' } }),
  },
  {
    method: 'DELETE',
    route: '/api/participants/:id',
    access: CHAIRS,
    prepare: async (fx) => ({ params: { id: (await fx.freshParticipant()).id } }),
  },
  { method: 'GET', route: COMMENTS, access: ALL, prepare: async (fx) => ({ params: { id: fx.sharedDraft } }) },
  {
    method: 'POST',
    route: COMMENTS,
    access: COMMENTERS,
    success: 201,
    prepare: async (fx) => ({ params: { id: fx.sharedDraft }, body: { type: 'general', body: 'A general comment.' } }),
  },
  {
    method: 'GET',
    route: `${COMMENTS}/:cid`,
    access: ALL,
    prepare: async (fx) => ({ params: { id: fx.sharedDraft, cid: (await fx.comment(fx.sharedDraft, fx.chair)).id } }),
  },
  {
    method: 'PATCH',
    route: `${COMMENTS}/:cid`,
    access: COMMENTERS,
    prepare: async (fx, actor) => ({ ...(await ownComment(fx, actor)), body: { body: 'Edited comment.' } }),
  },
  { method: 'DELETE', route: `${COMMENTS}/:cid`, access: COMMENTERS, prepare: ownComment },
  {
    method: 'POST',
    route: `${COMMENTS}/:cid/replies`,
    access: COMMENTERS,
    success: 201,
    prepare: async (fx) => ({
      params: { id: fx.sharedDraft, cid: (await fx.comment(fx.sharedDraft, fx.chair)).id },
      body: { body: 'A reply.' },
    }),
  },
  {
    method: 'POST',
    route: `${COMMENTS}/:cid/resolve`,
    access: CHAIRS,
    prepare: async (fx) => ({
      params: { id: fx.sharedDraft, cid: (await fx.comment(fx.sharedDraft, fx.chair)).id },
      body: { disposition: 'noted' },
    }),
  },
  {
    method: 'POST',
    route: `${COMMENTS}/:cid/reopen`,
    access: CHAIRS,
    prepare: async (fx) => {
      const c = await fx.comment(fx.sharedDraft, fx.chair)
      await fx.server.comments.resolve(fx.sharedDraft, c.id, fx.chair, 'accepted', '')
      return { params: { id: fx.sharedDraft, cid: c.id }, body: {} }
    },
  },
  {
    method: 'POST',
    route: `${COMMENTS}/:cid/anchor`,
    access: WRITERS,
    prepare: async (fx) => {
      const c = await fx.comment(fx.sharedDraft, fx.chair, { anchor: { quote: QUOTE } })
      return { params: { id: fx.sharedDraft, cid: c.id }, body: { anchor: { quote: 'electronic processing' } } }
    },
  },
  {
    method: 'POST',
    route: `${COMMENTS}/:cid/apply`,
    access: WRITERS,
    prepare: async (fx) => {
      const id = await fx.freshDraft()
      const c = await fx.comment(id, fx.chair, { anchor: { quote: QUOTE }, proposedChange: 'Accept e-filing for every procedure' })
      return { params: { id, cid: c.id }, body: {} }
    },
  },
  {
    method: 'GET',
    route: `${COMMENTS}/export`,
    access: ALL,
    contentType: /^text\/csv/,
    prepare: async (fx) => ({ params: { id: fx.sharedDraft }, query: '?format=csv' }),
  },
  {
    method: 'GET',
    route: '/api/documents/:id/export',
    access: ALL,
    contentType: /^text\/markdown/,
    prepare: async (fx) => ({ params: { id: fx.sharedDraft }, query: '?format=md' }),
  },
  {
    method: 'POST',
    route: `${COMMENTS}/import/preview`,
    access: CHAIRS,
    prepare: async (fx) => ({ params: { id: fx.sharedDraft }, upload: { bytes: IMPORT_CSV, contentType: 'text/csv' } }),
  },
  {
    method: 'POST',
    route: `${COMMENTS}/import`,
    access: CHAIRS,
    success: 201,
    prepare: async (fx) => ({ params: { id: await fx.freshDraft() }, upload: { bytes: IMPORT_CSV, contentType: 'text/csv' } }),
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

/** The status a column must get on a route. */
export function expectedStatus(c: RouteCase, column: Column): number {
  const success = c.success ?? 200
  if (c.access === 'admin') return 403
  if (column === 'forged token') return c.beforeIdentify ? success : 401
  if (c.access === 'public') return success
  if (column === 'anonymous') return 401
  return c.access.includes(column) ? success : 403
}

export function fill(route: string, params: Record<string, string> = {}): string {
  return route.replace(/:(\w+)/g, (_m, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`row ${route} needs a value for :${name}`)
    return encodeURIComponent(value)
  })
}
