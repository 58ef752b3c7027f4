import type { ErrorRequestHandler, RequestHandler } from 'express'
import type { z } from 'zod'
import { describeIssues } from '../../shared/validation'
import type { Logger } from '../logger'

/** An error with an HTTP status and a message meant for the person or script that made the request. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/** Parses a request body with a zod schema, or throws a 400 listing every problem. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body ?? {})
  if (!result.success) throw new HttpError(400, `Invalid request: ${describeIssues(result.error)}`)
  return result.data
}

/** Requests with a body must say it is JSON. */
export const requireJson: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined
  if (hasBody && !req.is('application/json')) {
    return next(new HttpError(415, 'Send the request body as JSON with "Content-Type: application/json".'))
  }
  next()
}

export const notFoundApi: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, `No API route ${req.method} ${req.path}.`))
}

/** Error codes of a write the disk refused (full, over quota, read-only, I/O error). */
const STORAGE_ERRORS: ReadonlySet<string> = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EIO'])

/** Turns every error into `{ "error": "..." }` with the right status; unexpected ones are logged. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const e = err as { status?: number; type?: string; message?: string }
    let status = 500
    let message = 'Something went wrong on the server. Try again; if it persists, tell the administrator.'
    if (err instanceof HttpError) {
      status = err.status
      message = err.message
    } else if (e.type === 'entity.too.large') {
      status = 413
      message = 'The request body is too large.'
    } else if (e.type === 'entity.parse.failed') {
      status = 400
      message = 'The request body is not valid JSON.'
    } else if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      status = e.status
      message = e.message ?? 'Bad request.'
    } else if (STORAGE_ERRORS.has(String((err as NodeJS.ErrnoException).code))) {
      // A full or failing disk is temporary and nothing was stored: say so, so people retry instead of
      // wondering whether their comment went in.
      status = 503
      message = 'The server cannot save right now (its disk is full or failing); nothing was changed. Try again in a few minutes.'
      logger.error('storage write failed', { method: req.method, path: req.path, error: String(err) })
    } else {
      logger.error('request failed', { method: req.method, path: req.path, error: String(err), stack: (err as Error).stack })
    }
    if (res.headersSent) return
    res.status(status).json({ error: message })
  }
}
