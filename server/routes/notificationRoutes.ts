import { Router } from 'express'
import { markReadSchema, preferencesSchema } from '../../shared/validation'
import { authorize, principalOf } from '../http/authenticate'
import { parseBody } from '../http/errors'
import type { NotificationService } from '../notifications/NotificationService'
import type { ParticipantService } from '../participants/ParticipantService'
import type { PersonRef } from '../../shared/types'

/**
 * The bell and the preferences of the signed-in participant; the chair's view of e-mail that did not go
 * out. `GET /notifications` answers with an ETag (Express's own), so the bell's polling costs a 304 while
 * nothing changed.
 */
export function notificationRoutes(notifications: NotificationService, participants: ParticipantService): Router {
  const router = Router()
  const signedIn = authorize('workspace.read')

  // The names the comment and reply boxes complete after "@" (who a mention can reach): name and org only.
  router.get('/people', signedIn, async (_req, res) => {
    const people = (await participants.list()).filter((p) => !p.revokedAt)
    res.json(people.map((p): PersonRef => ({ id: p.id, name: p.name, org: p.org })).sort((a, b) => a.name.localeCompare(b.name)))
  })

  router.get('/notifications', signedIn, async (req, res) => {
    // Always asked again (no-cache), answered 304 when the list is as the browser has it.
    res.setHeader('Cache-Control', 'private, no-cache')
    res.json(await notifications.list(principalOf(req).participant))
  })

  router.post('/notifications/read', signedIn, async (req, res) => {
    const { ids } = parseBody(markReadSchema, req.body)
    res.json({ marked: await notifications.markRead(principalOf(req).participant, ids ?? null) })
  })

  router.get('/notifications/deliveries', authorize('participants.manage'), async (_req, res) => {
    res.json(await notifications.deliveries())
  })

  router.get('/me/preferences', signedIn, (req, res) => {
    res.json(notifications.preferencesView(principalOf(req).participant))
  })

  router.patch('/me/preferences', signedIn, async (req, res) => {
    const patch = parseBody(preferencesSchema, req.body)
    res.json(await notifications.setPreferences(principalOf(req).participant, patch))
  })

  return router
}
