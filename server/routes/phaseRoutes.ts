import { Router } from 'express'
import { phaseChangeSchema } from '../../shared/validation'
import type { DocumentService } from '../documents/DocumentService'
import { authorize, principalOf } from '../http/authenticate'
import { parseBody } from '../http/errors'
import type { PhaseService } from '../phases/PhaseService'
import { documentIdParam } from './documentRoutes'

/** `POST /documents/:id/phase { phase, deadline?, reference? }`: chairs move a draft through the cycle. */
export function phaseRoutes(phases: PhaseService, documents: DocumentService): Router {
  const router = Router()
  router.post('/documents/:id/phase', authorize('phase.change'), async (req, res) => {
    const input = parseBody(phaseChangeSchema, req.body)
    const meta = await documents.get(documentIdParam(req.params.id))
    res.json(await phases.change(meta.id, principalOf(req).participant, input))
  })
  return router
}
