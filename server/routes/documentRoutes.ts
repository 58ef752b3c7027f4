import { Router } from 'express'
import { createDocumentSchema, isValidDocumentId, renameDocumentSchema } from '../../shared/validation'
import type { DocumentService } from '../documents/DocumentService'
import { HttpError, parseBody } from '../http/errors'
import { principalOf, requireRole, requireSignedIn } from '../http/authenticate'

/** Validates `:id` before anything looks it up (no path tricks reach the store). */
export function documentIdParam(id: string | string[] | undefined): string {
  if (typeof id !== 'string' || !isValidDocumentId(id)) throw new HttpError(404, 'No such draft.')
  return id
}

/** `GET|POST /api/documents`, `GET|PATCH /api/documents/:id`. */
export function documentRoutes(documents: DocumentService): Router {
  const router = Router()

  router.get('/documents', requireSignedIn, async (_req, res) => {
    res.json(await documents.list())
  })

  router.post('/documents', requireRole('chair', 'editor'), async (req, res) => {
    const { title, template } = parseBody(createDocumentSchema, req.body)
    const meta = await documents.create(title, template, principalOf(req).participant.id)
    res.status(201).json(meta)
  })

  router.get('/documents/:id', requireSignedIn, async (req, res) => {
    res.json(await documents.get(documentIdParam(req.params.id)))
  })

  router.patch('/documents/:id', requireRole('chair', 'editor'), async (req, res) => {
    const id = documentIdParam(req.params.id)
    const { title } = parseBody(renameDocumentSchema, req.body)
    res.json(await documents.rename(id, title))
  })

  return router
}
