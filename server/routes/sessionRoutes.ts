import { Router } from 'express'
import type { Me, Participant } from '../../shared/types'
import { signInSchema, updateMeSchema } from '../../shared/validation'
import { SESSION_COOKIE } from '../auth/requestCredentials'
import { fail } from '../../shared/errors'
import { parseBody } from '../http/errors'
import { authorize, principalOf } from '../http/authenticate'
import { SESSION_DAYS, type ParticipantService } from '../participants/ParticipantService'
import { type KeyLimiter, KeyedRateLimiter } from '../util/TokenBucket'

/** Sign-in attempts per client address: a burst of 10, then one every 6 seconds. */
export const SIGN_IN_BURST = 10
export const SIGN_IN_PER_SECOND = 1 / 6

/** Who someone is, as `GET /api/me` and sign-in answer. */
const meOf = (p: Participant): Me => ({
  id: p.id,
  name: p.name,
  org: p.org,
  role: p.role,
  focalPoint: p.focalPoint ?? false,
  language: p.language ?? null,
})

/**
 * `GET|PATCH /api/me`, `POST /api/auth/signin`, `POST /api/auth/signout`. The sign-in limit is this process's
 * own unless another is given (scale-out: one shared by every instance).
 */
export function sessionRoutes(participants: ParticipantService, limiter: KeyLimiter = new KeyedRateLimiter(SIGN_IN_BURST, SIGN_IN_PER_SECOND)): Router {
  const router = Router()

  router.get('/me', authorize('workspace.read'), (req, res) => {
    res.json(meOf(principalOf(req).participant))
  })

  router.patch('/me', authorize('profile.update'), async (req, res) => {
    const { language } = parseBody(updateMeSchema, req.body)
    res.json(meOf(await participants.setLanguage(principalOf(req).participant.id, language)))
  })

  router.post('/auth/signin', async (req, res) => {
    // req.ip is the socket's address, or the client's as forwarded by a proxy that TRUST_PROXY trusts.
    if (!(await limiter.take(req.ip ?? 'unknown'))) {
      fail('auth.tooManyAttempts')
    }
    const { link } = parseBody(signInSchema, req.body)
    const result = await participants.redeemLink(link)
    if (!result.ok) fail(result.reason)
    res.cookie(SESSION_COOKIE, result.sessionSecret, {
      httpOnly: true,
      sameSite: 'lax',
      // Served over https (directly, or by a trusted proxy saying X-Forwarded-Proto: https).
      secure: req.secure,
      path: '/',
      maxAge: SESSION_DAYS * 24 * 60 * 60 * 1000,
    })
    res.json(meOf(result.participant))
  })

  router.post('/auth/signout', async (req, res) => {
    if (req.principal?.kind === 'session') await participants.signOut(req.principal.credentialHash)
    res.clearCookie(SESSION_COOKIE, { path: '/' })
    res.json({ ok: true })
  })

  return router
}
