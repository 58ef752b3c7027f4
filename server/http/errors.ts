import type { ErrorRequestHandler, RequestHandler } from 'express'
import type { z } from 'zod'
import { AccordError, type ErrorBody, type ErrorCode, type ErrorParams, fail } from '../../shared/errors'
import { englishMessage } from '../../shared/errorMessages'
import { describeIssues } from '../../shared/validation'
import type { Logger } from '../logger'
import { CommentConflictError, DraftElsewhereError, StaleOwnerError } from '../store/errors'
import { isDatabaseUnavailable } from '../store/postgres/pool'
import { ERROR_STATUS } from './errorStatus'

/** Parses a request body with a zod schema, or throws a 400 listing every problem. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body ?? {})
  if (!result.success) fail('request.invalid', { issues: describeIssues(result.error) })
  return result.data
}

/** Requests with a body must say it is JSON. */
export const requireJson: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined
  if (hasBody && !req.is('application/json')) return next(new AccordError('request.notJson', {}))
  next()
}

export const notFoundApi: RequestHandler = (req, _res, next) => {
  next(new AccordError('request.noRoute', { method: req.method, path: req.path }))
}

/** Error codes of a write the disk refused (full, over quota, read-only, I/O error). */
const STORAGE_ERRORS: ReadonlySet<string> = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EIO'])

/** The status and body of an error answer. */
export function errorResponse<C extends ErrorCode>(code: C, params: ErrorParams[C], details?: Record<string, unknown>): { status: number; body: ErrorBody } {
  return { status: ERROR_STATUS[code], body: { ...details, error: englishMessage(code, params), code, params } }
}

/** What an error thrown while serving a request becomes (AccordError, body-parser and disk errors); null when unexpected. */
function known(err: unknown): AccordError | null {
  if (err instanceof AccordError) return err
  if (err instanceof CommentConflictError) return new AccordError('comment.conflict', { commentIds: [...err.commentIds] })
  // Another instance serves the draft (scale-out): nothing was written; the client tries again.
  if (err instanceof DraftElsewhereError || err instanceof StaleOwnerError) return new AccordError('server.draftMoved', {})
  const e = err as { status?: number; type?: string }
  if (e.type === 'entity.too.large') return new AccordError('request.tooLarge', {})
  if (e.type === 'entity.parse.failed') return new AccordError('request.badJson', {})
  if (e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') return new AccordError('request.unsupportedEncoding', {})
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) return new AccordError('request.unreadable', {})
  // A full or failing disk is temporary and nothing was stored: say so, so people retry instead of
  // wondering whether their comment went in.
  if (STORAGE_ERRORS.has(String((err as NodeJS.ErrnoException).code)) || isDatabaseUnavailable(err)) return new AccordError('server.storageFailed', {})
  return null
}

/** Turns every error into `{ "error": "...", "code": "...", "params": {...} }` with the right status; unexpected ones are logged. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const accordError = known(err)
    if (!accordError) {
      logger.error('request failed', { method: req.method, path: req.path, error: String(err), stack: (err as Error).stack })
    } else if (accordError.code === 'server.storageFailed') {
      logger.error('storage write failed', { method: req.method, path: req.path, error: String(err) })
    }
    if (res.headersSent) return
    const { status, body } = accordError
      ? errorResponse(accordError.code, accordError.params, accordError.details)
      : errorResponse('server.failed', {})
    res.status(status).json(body)
  }
}
