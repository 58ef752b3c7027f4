import express, { type Request, type RequestHandler, Router } from 'express'
import type { DocumentService } from '../documents/DocumentService'
import { HttpError } from '../http/errors'
import { identify, requireRole } from '../http/authenticate'
import { ImportRejected, type ImportService } from '../imports/ImportService'
import { CSV_TYPE, type TableFormat, XLSX_TYPE } from '../imports/readTable'
import type { ParticipantService } from '../participants/ParticipantService'
import { documentIdParam } from './documentRoutes'

/** Largest comment table one upload may be. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

const WRONG_TYPE =
  `Send the comment table itself as the request body, with "Content-Type: ${CSV_TYPE}" for a .csv file ` +
  `or "Content-Type: ${XLSX_TYPE}" for an .xlsx file.`

const rawBody = express.raw({ type: [CSV_TYPE, XLSX_TYPE], limit: MAX_UPLOAD_BYTES })

/** Reads the uploaded file into `req.body` (a Buffer): 415 for other content types, 413 above 10 MB. */
const uploadBody: RequestHandler = (req, res, next) => {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined
  if (!hasBody) return next(new HttpError(400, `The request has no file. ${WRONG_TYPE}`))
  if (!req.is([CSV_TYPE, XLSX_TYPE])) return next(new HttpError(415, WRONG_TYPE))
  rawBody(req, res, (err?: unknown) => {
    if ((err as { type?: string } | undefined)?.type === 'entity.too.large') {
      return next(new HttpError(413, 'The file is larger than 10 MB: split the table into smaller files and import them one by one.'))
    }
    next(err)
  })
}

function upload(req: Request): { bytes: Buffer; format: TableFormat } {
  if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw new HttpError(400, `The request has no file. ${WRONG_TYPE}`)
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
  const chairsUploading = [identify(participants), requireRole('chair'), uploadBody]

  router.post(`${base}/preview`, ...chairsUploading, async (req, res) => {
    const documentId = documentIdParam(req.params.id)
    await documents.get(documentId)
    const { bytes, format } = upload(req)
    res.json(await imports.preview(documentId, bytes, format))
  })

  router.post(base, ...chairsUploading, async (req, res) => {
    const documentId = documentIdParam(req.params.id)
    await documents.get(documentId)
    const { bytes, format } = upload(req)
    try {
      res.status(201).json(await imports.commit(documentId, bytes, format))
    } catch (err) {
      if (!(err instanceof ImportRejected)) throw err
      res.status(422).json({ error: err.message, errors: err.errors })
    }
  })

  return router
}
