import { request } from 'node:http'
import type { RequestHandler, Response } from 'express'
import { errorResponse } from '../http/errors'
import type { Logger } from '../logger'
import { FORWARDED_HEADER, draftOfRequest, routeDraft } from './draftRoutes'
import type { Ownership } from './Ownership'

/** A forwarded request whose owner sends no answer within this long is answered 504 (the owner hangs). */
const FORWARD_TIMEOUT_MS = 60_000

function unavailable(res: Response): void {
  const { status, body } = errorResponse('server.draftMoved', {})
  res.status(status).json(body)
}

/**
 * Express middleware, before anything reads the body: a request under `/api/documents/<id>` for a draft
 * another live instance owns is passed to that instance unchanged (method, path, headers, body) and its
 * answer passed back. The owner authenticates and checks everything itself.
 */
export function forwardDraftRequests(ownership: Ownership, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const documentId = draftOfRequest(req.originalUrl)
    if (!documentId) return next()
    routeDraft(ownership, documentId, req).then(
      (route) => {
        switch (route.kind) {
          case 'local':
            return next()
          case 'unavailable':
            return unavailable(res)
          case 'forward':
            return forward(route.address)
          default: {
            const never: never = route
            throw new Error(`unknown route ${String(never)}`)
          }
        }
      },
      (err: unknown) => next(err),
    )

    function forward(address: string): void {
      const upstream = request(new URL(req.originalUrl, address), {
        method: req.method,
        headers: { ...req.headers, [FORWARDED_HEADER]: ownership.owner },
        timeout: FORWARD_TIMEOUT_MS,
      })
      upstream.on('response', (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      })
      upstream.on('timeout', () => upstream.destroy(new Error('the owner did not answer in time')))
      upstream.on('error', (err) => {
        logger.warn('could not forward a request to the draft\'s owner', { document: documentId, owner: address, error: err.message })
        if (!res.headersSent) unavailable(res)
        else res.destroy()
      })
      req.pipe(upstream)
    }
  }
}
