import { describe, expect, it } from 'vitest'
import { newSecret as newUnsubscribeSecret } from '../../server/auth/secrets'
import { readUnsubscribeToken, unsubscribeToken } from '../../server/notifications/unsubscribeTokens'

describe('unsubscribe links', () => {
  const secret = newUnsubscribeSecret()
  it('carry the person and what to turn off, signed', () => {
    const token = unsubscribeToken(secret, { participantId: 'p_abc-1', scope: 'reply' })
    expect(readUnsubscribeToken(secret, token)).toEqual({ participantId: 'p_abc-1', scope: 'reply' })
    expect(readUnsubscribeToken(secret, unsubscribeToken(secret, { participantId: 'p2', scope: 'digest' }))).toEqual({ participantId: 'p2', scope: 'digest' })
  })

  it('refuse another person, another kind, another secret, or garbage', () => {
    const token = unsubscribeToken(secret, { participantId: 'p1', scope: 'reply' })
    const [, , sig] = token.split('.')
    expect(readUnsubscribeToken(secret, `p2.reply.${sig}`)).toBeNull()
    expect(readUnsubscribeToken(secret, `p1.decision.${sig}`)).toBeNull()
    expect(readUnsubscribeToken(newUnsubscribeSecret(), token)).toBeNull()
    expect(readUnsubscribeToken(secret, 'p1.nonsense.x')).toBeNull()
    expect(readUnsubscribeToken(secret, '')).toBeNull()
    expect(readUnsubscribeToken(secret, `${token}x`)).toBeNull()
  })
})
