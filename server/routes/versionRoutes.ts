import { Router } from 'express'
import { fail } from '../../shared/errors'
import { draftModel } from '../../shared/draft/draftModel'
import { DEFAULT_LANGUAGE } from '../../shared/i18n/languages'
import { CONTENT_FIELD } from '../../shared/protocol'
import { isValidDocumentId, newVersionSchema } from '../../shared/validation'
import type { DocumentService } from '../documents/DocumentService'
import { authorize, principalOf } from '../http/authenticate'
import { parseBody } from '../http/errors'
import { type VersionService, versionDoc } from '../versions/VersionService'
import { documentIdParam } from './documentRoutes'
import { DRAFT_FORMATS, formatParam, sendDraft } from './downloads'

function versionIdParam(id: string | string[] | undefined): string {
  if (typeof id !== 'string' || !isValidDocumentId(id)) fail('version.notFound', { versionId: String(id) })
  return id
}

/**
 * Versions of a draft: `POST|GET /documents/:id/versions`, `GET …/versions/:vid` (with the draft as JSON),
 * `GET …/versions/:vid/export?format=` and `POST …/versions/:vid/restore`.
 */
export function versionRoutes(versions: VersionService, documents: DocumentService, now: () => Date): Router {
  const router = Router()
  const base = '/documents/:id/versions'

  router.post(base, authorize('version.create'), async (req, res) => {
    const input = parseBody(newVersionSchema, req.body)
    const meta = await documents.get(documentIdParam(req.params.id))
    res.status(201).json(await versions.create(meta.id, principalOf(req).participant, input))
  })

  router.get(base, authorize('draft.read'), async (req, res) => {
    res.json(await versions.list(documentIdParam(req.params.id)))
  })

  router.get(`${base}/:vid`, authorize('draft.read'), async (req, res) => {
    const stored = await versions.get(documentIdParam(req.params.id), versionIdParam(req.params.vid))
    res.json({ version: stored.version, draft: stored.draft })
  })

  router.get(`${base}/:vid/export`, authorize('draft.export'), async (req, res) => {
    const format = formatParam(req.query.format, DRAFT_FORMATS)
    const meta = await documents.get(documentIdParam(req.params.id))
    const stored = await versions.get(meta.id, versionIdParam(req.params.vid))
    const doc = versionDoc(stored)
    try {
      const running = { title: `${meta.title} (${stored.version.label})`, date: now().toISOString().slice(0, 10), language: meta.language ?? DEFAULT_LANGUAGE }
      await sendDraft(res, running, draftModel(doc.getXmlFragment(CONTENT_FIELD)), format)
    } finally {
      doc.destroy()
    }
  })

  router.post(`${base}/:vid/restore`, authorize('version.restore'), async (req, res) => {
    const meta = await documents.get(documentIdParam(req.params.id))
    res.json(await versions.restore(meta.id, versionIdParam(req.params.vid), principalOf(req).participant))
  })

  return router
}
