import { Router } from 'express'
import { mergeSchema, stanceSchema, submitSchema } from '../../shared/validation'
import type { DelegationService } from '../comments/DelegationService'
import type { DocumentService } from '../documents/DocumentService'
import { authorize, principalOf } from '../http/authenticate'
import { parseBody } from '../http/errors'
import { commentIdParam } from './commentRoutes'
import { documentIdParam } from './documentRoutes'

/**
 * National consolidation under /api/documents/:id/comments: `POST submit { ids }` (a focal point submits
 * drafts of their delegation; the answer is the receipt), `POST :cid/merge { from }` and
 * `POST :cid/stance { stance }` (support or oppose a draft within the delegation).
 */
export function delegationRoutes(delegations: DelegationService, documents: DocumentService): Router {
  const router = Router()
  const base = '/documents/:id/comments'
  const draftOf = async (params: Record<string, string | string[] | undefined>) => (await documents.get(documentIdParam(params.id))).id

  router.post(`${base}/submit`, authorize('comment.submit'), async (req, res) => {
    const { ids } = parseBody(submitSchema, req.body)
    res.json(await delegations.submit(await draftOf(req.params), principalOf(req).participant, ids))
  })

  router.post(`${base}/:cid/merge`, authorize('comment.merge'), async (req, res) => {
    const input = parseBody(mergeSchema, req.body)
    const documentId = await draftOf(req.params)
    res.json(await delegations.merge(documentId, commentIdParam(req.params.cid), principalOf(req).participant, input))
  })

  router.post(`${base}/:cid/stance`, authorize('comment.support'), async (req, res) => {
    const { stance } = parseBody(stanceSchema, req.body)
    const documentId = await draftOf(req.params)
    res.json(await delegations.stance(documentId, commentIdParam(req.params.cid), principalOf(req).participant, stance))
  })

  return router
}
