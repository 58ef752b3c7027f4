import type { NextFunction, Request, RequestHandler, Response } from 'express'
import type { Role } from '../../shared/types'
import { presentedSecret } from '../auth/requestCredentials'
import type { ParticipantService, Principal } from '../participants/ParticipantService'
import { HttpError } from './errors'

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal
  }
}

/** Resolves the session cookie or Bearer token into `req.principal` (leaves it unset when absent). */
export function identify(participants: ParticipantService): RequestHandler {
  return async (req, _res, next) => {
    const presented = presentedSecret(req, false)
    if (presented) {
      const principal = await participants.authenticate(presented.secret, presented.kinds)
      if (principal) req.principal = principal
      else if (presented.kinds.includes('token')) {
        return next(new HttpError(401, 'This API token is not valid (unknown, expired or revoked).'))
      }
    }
    next()
  }
}

/** The signed-in principal, or a 401 that says how to sign in. */
export function principalOf(req: Request): Principal {
  if (!req.principal) {
    throw new HttpError(401, 'Sign in first: open your personal sign-in link, or send "Authorization: Bearer <token>".')
  }
  return req.principal
}

const ROLE_NAMES: Record<Role, string> = {
  chair: 'chairs',
  editor: 'editors',
  commenter: 'commenters',
  observer: 'observers',
}

/** Rejects with 401 when signed out and 403 when the role is not one of `roles`. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const principal = principalOf(req)
    if (!roles.includes(principal.participant.role)) {
      const names = roles.map((r) => ROLE_NAMES[r])
      const allowed = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]
      return next(new HttpError(403, `Only ${allowed} may do this; you are signed in as ${principal.participant.role}.`))
    }
    next()
  }
}

/** Any signed-in participant. */
export const requireSignedIn: RequestHandler = (req, _res, next) => {
  principalOf(req)
  next()
}
