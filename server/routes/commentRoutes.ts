import { type Request, type Response, Router } from 'express'
import { COMMENT_ID_PATTERN, applySchema, commentPageSchema, createCommentSchema, editCommentSchema, reanchorSchema, replySchema, resolveSchema } from '../../shared/validation'
import type { CommentListCache } from '../comments/CommentListCache'
import type { CommentService } from '../comments/CommentService'
import type { ProposalService } from '../comments/ProposalService'
import type { DocumentService } from '../documents/DocumentService'
import { fail } from '../../shared/errors'
import { parseBody } from '../http/errors'
import { actorOf, authorize, principalOf } from '../http/authenticate'
import { documentIdParam } from './documentRoutes'

export function commentIdParam(id: string | string[] | undefined): string {
  if (typeof id !== 'string' || !COMMENT_ID_PATTERN.test(id)) fail('comment.notFound', { commentId: null })
  return id
}

/** Comments API under /api/documents/:id/comments. */
export function commentRoutes(comments: CommentService, proposals: ProposalService, documents: DocumentService, lists: CommentListCache): Router {
  const router = Router()
  const base = '/documents/:id/comments'

  const ids = async (params: Record<string, string | string[] | undefined>) => {
    const documentId = documentIdParam(params.id)
    await documents.get(documentId)
    return { documentId, commentId: params.cid === undefined ? '' : commentIdParam(params.cid) }
  }

  router.get(base, authorize('comment.list'), async (req, res) => {
    // With ?limit=, a page and the cursor of the next one; without, the whole list (as before pages existed).
    if (req.query.limit !== undefined) return void (await sendPage(req, res))
    const { documentId } = await ids(req.params)
    // Served from the cache, already serialized and compressed; the ETag lets a browser revalidate.
    const body = await lists.body(documentId, actorOf(req))
    res.set({ ETag: body.etag, Vary: 'Accept-Encoding' }).type('json')
    if (req.fresh) return void res.status(304).end()
    if (req.acceptsEncodings('gzip') === 'gzip') res.set('Content-Encoding', 'gzip').send(body.gzip)
    else res.send(body.json)
  })

  const sendPage = async (req: Request, res: Response) => {
    const { limit, after } = parseBody(commentPageSchema, req.query)
    const { documentId } = await ids(req.params)
    const page = await lists.page(documentId, actorOf(req), limit, after)
    res.set({ ETag: page.etag, Vary: 'Accept-Encoding' })
    if (page.next) res.set('Link', `<${req.baseUrl}${req.path}?limit=${limit}&after=${page.next}>; rel="next"`)
    if (req.fresh) res.status(304).end()
    else res.json({ comments: page.comments, next: page.next })
  }

  router.post(base, authorize('comment.create'), async (req, res) => {
    const input = parseBody(createCommentSchema, req.body)
    const { documentId } = await ids(req.params)
    res.status(201).json(await comments.create(documentId, principalOf(req).participant, input))
  })

  router.get(`${base}/:cid`, authorize('comment.list'), async (req, res) => {
    const { documentId, commentId } = await ids(req.params)
    res.json(await comments.get(documentId, commentId, actorOf(req)))
  })

  router.patch(`${base}/:cid`, authorize('comment.edit'), async (req, res) => {
    const patch = parseBody(editCommentSchema, req.body)
    const { documentId, commentId } = await ids(req.params)
    res.json(await comments.edit(documentId, commentId, principalOf(req).participant, patch))
  })

  router.delete(`${base}/:cid`, authorize('comment.withdraw'), async (req, res) => {
    const { documentId, commentId } = await ids(req.params)
    res.json(await comments.withdraw(documentId, commentId, principalOf(req).participant))
  })

  router.post(`${base}/:cid/replies`, authorize('comment.reply'), async (req, res) => {
    const { body } = parseBody(replySchema, req.body)
    const { documentId, commentId } = await ids(req.params)
    res.status(201).json(await comments.reply(documentId, commentId, principalOf(req).participant, body))
  })

  router.post(`${base}/:cid/resolve`, authorize('comment.decide'), async (req, res) => {
    const { disposition, note } = parseBody(resolveSchema, req.body)
    const { documentId, commentId } = await ids(req.params)
    res.json(await comments.resolve(documentId, commentId, principalOf(req).participant, disposition, note))
  })

  router.post(`${base}/:cid/reopen`, authorize('comment.reopen'), async (req, res) => {
    const { documentId, commentId } = await ids(req.params)
    res.json(await comments.reopen(documentId, commentId, principalOf(req).participant))
  })

  router.post(`${base}/:cid/anchor`, authorize('comment.reanchor'), async (req, res) => {
    const input = parseBody(reanchorSchema, req.body)
    const { documentId, commentId } = await ids(req.params)
    res.json(await comments.reanchor(documentId, commentId, principalOf(req).participant, input))
  })

  router.post(`${base}/:cid/apply`, authorize('comment.apply'), async (req, res) => {
    const input = parseBody(applySchema, req.body)
    const { documentId, commentId } = await ids(req.params)
    res.json(await proposals.apply(documentId, commentId, principalOf(req).participant, input))
  })

  router.post(`${base}/:cid/revert`, authorize('comment.revert'), async (req, res) => {
    const input = parseBody(applySchema, req.body)
    const { documentId, commentId } = await ids(req.params)
    res.json(await proposals.revert(documentId, commentId, principalOf(req).participant, input))
  })

  return router
}
