import { describe, expect, it } from 'vitest'
import { AccordError } from '../../shared/errors'
import { ParticipantService } from '../../server/participants/ParticipantService'
import { MemoryStore } from '../../server/store/MemoryStore'

describe('ParticipantService', () => {
  it('refuses an unknown participant with participant.notFound (a 404), not a plain Error', async () => {
    const participants = new ParticipantService(new MemoryStore())
    const calls: [string, () => Promise<unknown>][] = [
      ['invite', () => participants.invite('nobody')],
      ['createApiToken', () => participants.createApiToken('nobody')],
      ['changeRole', () => participants.changeRole('nobody', 'editor')],
      ['update', () => participants.update('nobody', { name: 'Somebody' })],
      ['revoke', () => participants.revoke('nobody')],
    ]
    for (const [name, call] of calls) {
      const err = await call().then(
        () => null,
        (e: unknown) => e,
      )
      expect(err, name).toBeInstanceOf(AccordError)
      expect((err as AccordError).code, name).toBe('participant.notFound')
    }
  })
})
