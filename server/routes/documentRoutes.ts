import { Router } from 'express'
import { fail } from '../../shared/errors'
import { assertAllowed } from '../../shared/policy'
import { createDocumentSchema, isValidDocumentId, updateDocumentSchema } from '../../shared/validation'
import type { DocumentService } from '../documents/DocumentService'
import { parseBody } from '../http/errors'
import { actorOf, authorize, principalOf } from '../http/authenticate'

/** Validates `:id` before anything looks it up (no path tricks reach the store). */
export function documentIdParam(id: string | string[] | undefined): string {
  if (typeof id !== 'string' || !isValidDocumentId(id)) fail('draft.notFound')
  return id
}

/** `GET|POST /api/documents`, `GET|PATCH /api/documents/:id`. */
export function documentRoutes(documents: DocumentService): Router {
  const router = Router()

  router.get('/documents', authorize('workspace.read'), async (_req, res) => {
    res.json(await documents.list())
  })

  router.post('/documents', authorize('draft.create'), async (req, res) => {
    const { title, template, language } = parseBody(createDocumentSchema, req.body)
    const meta = await documents.create(title, template, principalOf(req).participant.id, language)
    res.status(201).json(meta)
  })

  router.get('/documents/:id', authorize('draft.read'), async (req, res) => {
    res.json(await documents.get(documentIdParam(req.params.id)))
  })

  router.patch('/documents/:id', authorize('draft.rename'), async (req, res) => {
    const id = documentIdParam(req.params.id)
    const patch = parseBody(updateDocumentSchema, req.body)
    if (patch.commentsOutsideConsultation !== undefined) assertAllowed(actorOf(req), 'draft.settings')
    res.json(await documents.update(id, patch))
  })

  return router
}
