import { Router } from 'express'
import { fail } from '../../shared/errors'
import { redlineHtml } from '../../shared/redline/redlineHtml'
import type { DocumentService } from '../documents/DocumentService'
import { downloadName } from '../exports/filename'
import { redlineDocx } from '../exports/redlineDocx'
import { authorize } from '../http/authenticate'
import { LIVE, type RedlineService } from '../versions/RedlineService'
import { documentIdParam } from './documentRoutes'
import { formatParam, sendFile } from './downloads'

export const REDLINE_FORMATS = ['json', 'html', 'docx'] as const

const stateParam = (value: unknown, name: 'from' | 'to'): string => {
  if (typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value)) return value
  fail('request.invalid', { issues: `${name}: a version id${name === 'to' ? ' or "live"' : ''}` })
}

/**
 * `GET /documents/:id/redline?from=<version>&to=<version|live>&format=json|html|docx`: exactly what
 * changed between two states of a draft, attributed; in Word as real tracked changes.
 */
export function redlineRoutes(redlines: RedlineService, documents: DocumentService, now: () => Date): Router {
  const router = Router()
  router.get('/documents/:id/redline', authorize('draft.export'), async (req, res) => {
    const format = formatParam(req.query.format ?? 'json', REDLINE_FORMATS)
    const meta = await documents.get(documentIdParam(req.params.id))
    const from = stateParam(req.query.from, 'from')
    const to = req.query.to === undefined ? LIVE : stateParam(req.query.to, 'to')
    const answer = await redlines.compare(meta.id, from, to)
    const states = { from: answer.from.label, to: answer.to.label }
    const name = downloadName(meta.title, ` - changes ${answer.from.label} to ${answer.to.label}`, format)
    switch (format) {
      case 'json':
        return void res.json(answer)
      case 'html':
        return sendFile(res, name, format, redlineHtml(meta.title, answer, states))
      case 'docx':
        return sendFile(
          res,
          name,
          format,
          await redlineDocx(meta.title, answer, { running: { title: meta.title, date: now().toISOString().slice(0, 10) }, states, changedAt: answer.to.at }),
        )
      default: {
        const never: never = format
        throw new Error(`unknown format ${String(never)}`)
      }
    }
  })
  return router
}
