import { timingSafeEqual } from 'node:crypto'
import { Router, type RequestHandler } from 'express'
import { z } from 'zod'
import { LIMITS, MAX_CLI_DAYS, orgSchema, roleSchema } from '../../shared/validation'
import { AccordError } from '../../shared/errors'
import { parseBody } from '../http/errors'
import type { ParticipantService } from '../participants/ParticipantService'
import { signInLink } from './participantRoutes'

/** Header carrying the per-run secret that only the server machine's data directory knows. */
export const ADMIN_HEADER = 'x-accord-admin'

const adminRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(LIMITS.name),
  org: orgSchema,
  role: roleSchema,
  email: z.email().max(LIMITS.email).optional(),
  focalPoint: z.boolean().optional(),
  expiresInDays: z.number().int().min(1).max(MAX_CLI_DAYS).optional(),
})

function requireAdmin(secret: string): RequestHandler {
  const expected = Buffer.from(secret)
  return (req, _res, next) => {
    const given = Buffer.from(String(req.headers[ADMIN_HEADER] ?? ''))
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return next(new AccordError('auth.adminOnly', {}))
    }
    next()
  }
}

/**
 * Used by `npm run accord` while the server runs, so that the CLI never writes the data files the server
 * holds (two writers on one lowdb file lose data).
 */
export function adminRoutes(participants: ParticipantService, secret: string, baseUrl: () => string): Router {
  const router = Router()
  router.use('/admin', requireAdmin(secret))

  router.post('/admin/token', async (req, res) => {
    const input = parseBody(adminRequestSchema, req.body)
    const participant = await participants.findOrCreate(input)
    res.json({ token: await participants.createApiToken(participant.id, input.expiresInDays) })
  })

  router.post('/admin/link', async (req, res) => {
    const input = parseBody(adminRequestSchema, req.body)
    const participant = await participants.findOrCreate(input)
    res.json({ link: signInLink(baseUrl(), await participants.invite(participant.id, input.expiresInDays)) })
  })

  return router
}
