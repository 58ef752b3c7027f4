import express, { type Request, type RequestHandler, Router } from 'express'
import type { DocumentService } from '../documents/DocumentService'
import { AccordError, fail } from '../../shared/errors'
import { actorOf, authorize, identify, principalOf } from '../http/authenticate'
import type { ImportService } from '../imports/ImportService'
import { CSV_TYPE, type TableFormat, XLSX_TYPE } from '../imports/readTable'
import type { ParticipantService } from '../participants/ParticipantService'
import { documentIdParam } from './documentRoutes'

/** Largest comment table one upload may be. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

const TYPES = [CSV_TYPE, XLSX_TYPE]

const rawBody = express.raw({ type: [CSV_TYPE, XLSX_TYPE], limit: MAX_UPLOAD_BYTES })

/** Reads the uploaded file into `req.body` (a Buffer): 415 for other content types, 413 above 10 MB. */
const uploadBody: RequestHandler = (req, res, next) => {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined
  if (!hasBody) return next(new AccordError('import.noFile', { types: TYPES }))
  if (!req.is(TYPES)) return next(new AccordError('import.wrongType', { types: TYPES }))
  rawBody(req, res, (err?: unknown) => {
    if ((err as { type?: string } | undefined)?.type === 'entity.too.large') {
      return next(new AccordError('import.tooLarge', {}))
    }
    next(err)
  })
}

/** The uploaded file's own name (`?filename=`), recorded on the decisions the table brings in. */
function fileName(req: Request): string | null {
  const name = typeof req.query.filename === 'string' ? req.query.filename.trim() : ''
  return name ? name.slice(0, 200) : null
}

function upload(req: Request): { bytes: Buffer; format: TableFormat } {
  if (!Buffer.isBuffer(req.body) || req.body.length === 0) fail('import.noFile', { types: TYPES })
  return { bytes: req.body, format: req.is(XLSX_TYPE) ? 'xlsx' : 'csv' }
}

/**
 * Comment-table imports for chairs: `POST /documents/:id/comments/import/preview` and
 * `POST /documents/:id/comments/import`, the body being the CSV or XLSX file. They take raw bodies, so
 * they are mounted before the JSON body parser and authenticate themselves.
 */
export function importRoutes(imports: ImportService, documents: DocumentService, participants: ParticipantService): Router {
  const router = Router()
  const base = '/documents/:id/comments/import'
  const chairsUploading = [identify(participants), authorize('comment.import'), uploadBody]

  router.post(`${base}/preview`, ...chairsUploading, async (req, res) => {
    const documentId = documentIdParam(req.params.id)
    await documents.get(documentId)
    const { bytes, format } = upload(req)
    res.json(await imports.preview(documentId, bytes, format, actorOf(req)))
  })

  router.post(base, ...chairsUploading, async (req, res) => {
    const documentId = documentIdParam(req.params.id)
    await documents.get(documentId)
    const { bytes, format } = upload(req)
    res.status(201).json(await imports.commit(documentId, bytes, format, principalOf(req).participant, fileName(req)))
  })

  return router
}
