import { Router } from 'express'
import { changesHtml } from '../../shared/changes/changesHtml'
import { fail } from '../../shared/errors'
import type { DocumentService } from '../documents/DocumentService'
import { changesDocx } from '../exports/changesDocx'
import { downloadName } from '../exports/filename'
import { actorOf, authorize } from '../http/authenticate'
import type { ChangesService } from '../versions/ChangesService'
import { documentIdParam } from './documentRoutes'
import { formatParam, sendFile } from './downloads'

export const CHANGES_FORMATS = ['json', 'html', 'docx'] as const

const sinceParam = (value: unknown): string | undefined => {
  if (value === undefined) return undefined
  if (typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value)) return value
  fail('request.invalid', { issues: 'since: a version id' })
}

/**
 * `GET /documents/:id/changes?since=<version>&format=json|html|docx`: per recommendation, what changed
 * since a version (by default the last one a change of phase made) and the decisions on its comments.
 */
export function changesRoutes(changes: ChangesService, documents: DocumentService, now: () => Date): Router {
  const router = Router()
  router.get('/documents/:id/changes', authorize('draft.export'), async (req, res) => {
    const format = formatParam(req.query.format ?? 'json', CHANGES_FORMATS)
    const meta = await documents.get(documentIdParam(req.params.id))
    const report = await changes.report(meta.id, sinceParam(req.query.since), actorOf(req))
    const name = downloadName(meta.title, ` - changes since ${report.since.label}`, format)
    switch (format) {
      case 'json':
        return void res.json(report)
      case 'html':
        return sendFile(res, name, format, changesHtml(meta.title, report))
      case 'docx':
        return sendFile(res, name, format, await changesDocx(meta.title, report, { title: meta.title, date: now().toISOString().slice(0, 10) }))
      default: {
        const never: never = format
        throw new Error(`unknown format ${String(never)}`)
      }
    }
  })
  return router
}
