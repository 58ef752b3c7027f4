import { describe, expect, it } from 'vitest'
import type { Participant } from '../../shared/types'
import { mentionedIn } from '../../server/notifications/mentions'

const person = (id: string, name: string): Participant => ({ id, name, org: 'NO', role: 'commenter', createdAt: '2026-01-01T00:00:00Z' })
const people = [person('ana', 'Ana'), person('anas', 'Ana Silva'), person('kari', 'Kari Nordmann'), person('jose', 'José Núñez')]
const ids = (text: string) => mentionedIn(text, people).map((p) => p.id).sort()

describe('mentions', () => {
  it('are whole names after @, in any case, followed by punctuation or the end', () => {
    expect(ids('Thanks @Kari Nordmann, see above.')).toEqual(['kari'])
    expect(ids('@kari nordmann')).toEqual(['kari'])
    expect(ids('@José Núñez: agreed')).toEqual(['jose'])
  })

  it('match the longest name, and a shorter one only where it stands alone', () => {
    expect(ids('@Ana Silva please check')).toEqual(['anas'])
    expect(ids('@Ana Silva and @Ana')).toEqual(['ana', 'anas'])
  })

  it('are not names run on, nor names without @', () => {
    expect(ids('@Anabel said so')).toEqual([])
    expect(ids('Kari Nordmann agrees')).toEqual([])
    expect(ids('mail kari@example.org')).toEqual([])
  })
})
