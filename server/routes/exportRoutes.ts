import { Router, type Response } from 'express'
import { TABLE_COLUMNS } from '../../shared/commentTable'
import { CONTENT_FIELD } from '../../shared/protocol'
import { draftModel } from '../../shared/draft/draftModel'
import type { CommentService } from '../comments/CommentService'
import type { DocumentService } from '../documents/DocumentService'
import { commentTableRows, rowCells } from '../exports/commentTable'
import { formatCsv } from '../exports/csvFormat'
import { draftDocx } from '../exports/draftDocx'
import { draftHtml } from '../exports/draftHtml'
import { draftMarkdown } from '../exports/draftMarkdown'
import { downloadName } from '../exports/filename'
import { tableDocx } from '../exports/tableDocx'
import { tableXlsx } from '../exports/tableXlsx'
import { fail } from '../../shared/errors'
import { actorOf, authorize } from '../http/authenticate'
import type { LiveDrafts } from '../drafts/LiveDrafts'
import { documentIdParam } from './documentRoutes'

export const TABLE_FORMATS = ['xlsx', 'csv', 'docx'] as const
export const DRAFT_FORMATS = ['docx', 'md', 'html'] as const

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
} as const

/** The `format` query parameter, or a 400 naming the formats there are. */
function formatParam<F extends string>(value: unknown, formats: readonly F[]): F {
  if (typeof value === 'string' && (formats as readonly string[]).includes(value)) return value as F
  fail('request.formatRequired', { given: typeof value === 'string' ? value : null, formats: [...formats] })
}

function sendFile(res: Response, name: string, format: keyof typeof CONTENT_TYPES, body: Buffer | string): void {
  res.attachment(name)
  res.setHeader('Content-Type', CONTENT_TYPES[format])
  res.setHeader('Cache-Control', 'no-store')
  res.send(body)
}

/**
 * Downloads for any signed-in participant: the comment-resolution table
 * (`GET /documents/:id/comments/export?format=xlsx|csv|docx`) and the draft itself
 * (`GET /documents/:id/export?format=docx|md|html`).
 */
export function exportRoutes(comments: CommentService, documents: DocumentService, drafts: LiveDrafts, now: () => Date): Router {
  const router = Router()
  /** The title and the day, for the page headers of printable files. */
  const running = (title: string) => ({ title, date: now().toISOString().slice(0, 10) })

  router.get('/documents/:id/comments/export', authorize('comment.export'), async (req, res) => {
    const format = formatParam(req.query.format, TABLE_FORMATS)
    const meta = await documents.get(documentIdParam(req.params.id))
    const listed = await comments.listWithWords(meta.id, actorOf(req))
    const words = new Map(listed.map((e) => [e.comment.id, e.words]))
    const rows = commentTableRows(
      listed.map((e) => e.comment),
      (c) => words.get(c.id) ?? null,
    )
    const name = downloadName(meta.title, ' - comments', format)
    switch (format) {
      case 'xlsx':
        return sendFile(res, name, format, await tableXlsx(running(meta.title), rows))
      case 'csv':
        return sendFile(res, name, format, formatCsv([TABLE_COLUMNS, ...rows.map(rowCells)]))
      case 'docx':
        return sendFile(res, name, format, await tableDocx(running(meta.title), rows))
      default: {
        const never: never = format
        throw new Error(`unknown format ${String(never)}`)
      }
    }
  })

  router.get('/documents/:id/export', authorize('draft.export'), async (req, res) => {
    const format = formatParam(req.query.format, DRAFT_FORMATS)
    const meta = await documents.get(documentIdParam(req.params.id))
    const model = await drafts.use(meta.id, (doc) => draftModel(doc.getXmlFragment(CONTENT_FIELD)))
    const name = downloadName(meta.title, '', format)
    switch (format) {
      case 'docx':
        return sendFile(res, name, format, await draftDocx(running(meta.title), model))
      case 'md':
        return sendFile(res, name, format, draftMarkdown(meta.title, model))
      case 'html':
        return sendFile(res, name, format, draftHtml(meta.title, model))
      default: {
        const never: never = format
        throw new Error(`unknown format ${String(never)}`)
      }
    }
  })

  return router
}
