import type { Application, Request, RequestHandler } from 'express'
import { AccordError, fail } from '../../shared/errors'
import { type Action, type PolicyContext, type PolicyPrincipal, assertAllowed } from '../../shared/policy'
import { presentedSecret } from '../auth/requestCredentials'
import type { ParticipantService, Principal } from '../participants/ParticipantService'

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
      else if (presented.kinds.includes('token')) return next(new AccordError('auth.tokenInvalid', {}))
    }
    next()
  }
}

/** The signed-in principal, or a 401 that says how to sign in. */
export function principalOf(req: Request): Principal {
  if (!req.principal) fail('auth.signInRequired')
  return req.principal
}

/** The signed-in participant as the policy sees them. */
export const actorOf = (req: Request): PolicyPrincipal => principalOf(req).participant

/** What the policy needs to know for a request: the draft its `:id` names (phase, deadline), the clock. */
export type PolicyContextOf = (req: Request) => Promise<PolicyContext>

/** Where `authorize` finds the app's context reader (set by createApp). */
const CONTEXT_KEY = 'policyContext'

/** Lets `authorize` read each request's policy context. */
export function providePolicyContext(app: Application, contextOf: PolicyContextOf): void {
  app.locals[CONTEXT_KEY] = contextOf
}

/**
 * Rejects with 401 when signed out and with the policy's answer when the participant may not do
 * `action` on this draft now (rules about a particular comment are checked where the comment is read).
 */
export function authorize(action: Action): RequestHandler {
  return async (req, _res, next) => {
    const actor = actorOf(req)
    const contextOf = req.app.locals[CONTEXT_KEY] as PolicyContextOf | undefined
    assertAllowed(actor, action, contextOf ? await contextOf(req) : {})
    next()
  }
}
