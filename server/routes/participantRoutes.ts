import { Router } from 'express'
import type { Participant } from '../../shared/types'
import { inviteSchema, newLinkSchema, updateParticipantSchema } from '../../shared/validation'
import { fail } from '../../shared/errors'
import { parseBody } from '../http/errors'
import { authorize, principalOf } from '../http/authenticate'
import type { ParticipantService } from '../participants/ParticipantService'

/** What a sign-in link looks like: the secret travels in the fragment, never to server logs. */
export function signInLink(baseUrl: string, secret: string): string {
  return `${baseUrl}/signin#${secret}`
}

/** Participants page API (chairs only). */
export function participantRoutes(participants: ParticipantService, baseUrl: (req: import('express').Request) => string): Router {
  const router = Router()
  const chairsOnly = authorize('participants.manage')

  const find = async (id: string | string[] | undefined): Promise<Participant> => {
    const p = typeof id === 'string' ? await participants.get(id) : undefined
    if (!p) fail('participant.notFound')
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
    const { expiresInDays } = parseBody(newLinkSchema, req.body)
    if (participant.revokedAt) fail('participant.revoked')
    const secret = await participants.invite(participant.id, expiresInDays)
    res.status(201).json({ participant, link: signInLink(baseUrl(req), secret) })
  })

  router.patch('/participants/:id', chairsOnly, async (req, res) => {
    const participant = await find(req.params.id)
    const patch = parseBody(updateParticipantSchema, req.body)
    if (participant.revokedAt) fail('participant.revoked')
    const me = principalOf(req).participant
    if (participant.id === me.id && patch.role && patch.role !== 'chair') {
      fail('participant.ownChairRole')
    }
    let updated = participant
    if (patch.role && patch.role !== participant.role) updated = await participants.changeRole(participant.id, patch.role)
    const { role: _role, ...details } = patch
    if (Object.keys(details).length > 0) updated = await participants.update(participant.id, details)
    res.json(updated)
  })

  router.delete('/participants/:id', chairsOnly, async (req, res) => {
    const participant = await find(req.params.id)
    if (participant.id === principalOf(req).participant.id) fail('participant.revokeSelf')
    res.json(await participants.revoke(participant.id))
  })

  return router
}
