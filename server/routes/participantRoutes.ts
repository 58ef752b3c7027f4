import { Router } from 'express'
import type { Participant } from '../../shared/types'
import { inviteSchema, updateParticipantSchema } from '../../shared/validation'
import { HttpError, parseBody } from '../http/errors'
import { principalOf, requireRole } from '../http/authenticate'
import type { ParticipantService } from '../participants/ParticipantService'

/** What a sign-in link looks like: the secret travels in the fragment, never to server logs. */
export function signInLink(baseUrl: string, secret: string): string {
  return `${baseUrl}/signin#${secret}`
}

/** Participants page API (chairs only). */
export function participantRoutes(participants: ParticipantService, baseUrl: (req: import('express').Request) => string): Router {
  const router = Router()
  const chairsOnly = requireRole('chair')

  const find = async (id: string | string[] | undefined): Promise<Participant> => {
    const p = typeof id === 'string' ? await participants.get(id) : undefined
    if (!p) throw new HttpError(404, 'No such participant.')
    return p
  }

  router.get('/participants', chairsOnly, async (_req, res) => {
    const list = await participants.list()
    res.json(list.sort((a, b) => a.org.localeCompare(b.org) || a.name.localeCompare(b.name)))
  })

  router.post('/participants', chairsOnly, async (req, res) => {
    const input = parseBody(inviteSchema, req.body)
    const participant = await participants.create(input)
    const secret = await participants.invite(participant.id, input.expiresInDays)
    res.status(201).json({ participant, link: signInLink(baseUrl(req), secret) })
  })

  router.post('/participants/:id/link', chairsOnly, async (req, res) => {
    const participant = await find(req.params.id)
    if (participant.revokedAt) throw new HttpError(409, 'This participant was revoked; invite them again instead.')
    const days = typeof req.body?.expiresInDays === 'number' ? req.body.expiresInDays : undefined
    const secret = await participants.invite(participant.id, days)
    res.status(201).json({ participant, link: signInLink(baseUrl(req), secret) })
  })

  router.patch('/participants/:id', chairsOnly, async (req, res) => {
    const participant = await find(req.params.id)
    const patch = parseBody(updateParticipantSchema, req.body)
    if (participant.revokedAt) throw new HttpError(409, 'This participant was revoked; invite them again instead.')
    const me = principalOf(req).participant
    if (participant.id === me.id && patch.role && patch.role !== 'chair') {
      throw new HttpError(409, 'You cannot remove your own chair role; ask another chair.')
    }
    let updated = participant
    if (patch.role && patch.role !== participant.role) updated = await participants.changeRole(participant.id, patch.role)
    const { role: _role, ...details } = patch
    if (Object.keys(details).length > 0) updated = await participants.update(participant.id, details)
    res.json(updated)
  })

  router.delete('/participants/:id', chairsOnly, async (req, res) => {
    const participant = await find(req.params.id)
    if (participant.id === principalOf(req).participant.id) throw new HttpError(409, 'You cannot revoke yourself.')
    res.json(await participants.revoke(participant.id))
  })

  return router
}
