import { existsSync } from 'node:fs'
import { join } from 'node:path'
import express, { type Request, type RequestHandler } from 'express'
import { AccordError } from '../../shared/errors'
import type { TrustProxy } from '../config'
import type { Logger } from '../logger'
import type { ParticipantService } from '../participants/ParticipantService'
import type { DocumentService } from '../documents/DocumentService'
import { adminRoutes } from '../routes/adminRoutes'
import { documentRoutes } from '../routes/documentRoutes'
import { participantRoutes } from '../routes/participantRoutes'
import { sessionRoutes } from '../routes/sessionRoutes'
import { type PolicyContextOf, identify, providePolicyContext } from './authenticate'
import { errorHandler, notFoundApi, requireJson } from './errors'
import { isAllowedOrigin } from './origin'
import { securityHeaders } from './security'
import type { KeyLimiter } from '../util/TokenBucket'

/** Largest JSON request body. */
export const JSON_BODY_LIMIT = '256kb'

export interface AppDeps {
  logger: Logger
  participants: ParticipantService
  documents: DocumentService
  allowedOrigins: readonly string[]
  /** Proxies whose forwarded client address and protocol are believed; none when unset. */
  trustProxy?: TrustProxy
  adminSecret: string
  baseUrl: () => string
  /** Built client (index.html + assets); not served when missing. */
  clientDir: string
  /** Extra API routers (comments, exports) mounted after authentication. */
  extraRoutes?: express.Router[]
  /** What the policy needs to know for a request (the draft, the clock). */
  policyContext: PolicyContextOf
  /** Routers taking non-JSON bodies (file uploads): mounted before the JSON-only check; each route authenticates itself. */
  uploadRoutes?: express.Router[]
  /** Scale-out: passes requests for drafts another instance owns to it, before anything reads them. */
  draftForwarding?: RequestHandler
  /** The sign-in limit per client address; this process's own when not given. */
  signInLimiter?: KeyLimiter
}

const requestBaseUrl = (req: Request) => `${req.protocol}://${req.get('host')}`

/** The Express app: security headers, the JSON API under /api, and the built client with SPA fallback. */
export function createApp(deps: AppDeps): express.Express {
  const app = express()
  app.disable('x-powered-by')
  providePolicyContext(app, deps.policyContext)
  // Gives req.ip (the sign-in limit's key) and req.secure (the cookie's Secure flag) from trusted proxies.
  app.set('trust proxy', deps.trustProxy ?? false)
  app.use(securityHeaders())
  if (deps.draftForwarding) app.use('/api', deps.draftForwarding)

  const api = express.Router()
  api.get('/health', (_req, res) => {
    res.json({ ok: true })
  })
  // Cookie-authenticated writes from other sites are refused (SameSite=Lax already stops most).
  api.use((req, _res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && !isAllowedOrigin(req, deps.allowedOrigins)) {
      return next(new AccordError('request.originRefused', {}))
    }
    next()
  })
  for (const router of deps.uploadRoutes ?? []) api.use(router)
  api.use(requireJson)
  api.use(express.json({ limit: JSON_BODY_LIMIT }))
  api.use(adminRoutes(deps.participants, deps.adminSecret, deps.baseUrl))
  api.use(identify(deps.participants))
  api.use(sessionRoutes(deps.participants, deps.signInLimiter))
  api.use(documentRoutes(deps.documents))
  api.use(participantRoutes(deps.participants, requestBaseUrl))
  for (const router of deps.extraRoutes ?? []) api.use(router)
  api.use(notFoundApi)
  app.use('/api', api)

  if (existsSync(join(deps.clientDir, 'index.html'))) {
    app.use(
      '/assets',
      express.static(join(deps.clientDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
    )
    app.use(express.static(deps.clientDir, { index: false, maxAge: 0 }))
    app.get('/{*splat}', (req, res, next) => {
      if (req.path.startsWith('/collab/')) return next()
      res.setHeader('Cache-Control', 'no-cache')
      res.sendFile(join(deps.clientDir, 'index.html'))
    })
  } else {
    deps.logger.warn('client not built: run "npm run build" (npm start does this)', { clientDir: deps.clientDir })
  }

  app.use(errorHandler(deps.logger))
  return app
}
