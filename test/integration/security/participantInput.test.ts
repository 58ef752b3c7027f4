import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Participant } from '../../../shared/types'
import { rawRequest, type RawResponse } from '../../helpers/rawHttp'
import { testServerForThisFile } from '../../helpers/testServer'

/**
 * The participant routes validate like every other route: a bad `expiresInDays` is a 400 (it was a 500 for
 * 1e308 and an already expired link for -5), an unknown participant a 404, and neither changes anything.
 */

const server = testServerForThisFile()
let chairToken = ''
let participant: Participant
let pendingLink = ''
let workspaceBefore: Buffer
let listBefore: unknown

const workspace = () => readFileSync(join(server().dataDir, 'workspace.json'))
const asChair = (path: string, method: string, body?: unknown) =>
  rawRequest(server().url, path, { method, token: chairToken, ...(body === undefined ? {} : { body }) })
const codeOf = (res: RawResponse) => (res.json as { code?: string }).code

beforeAll(async () => {
  chairToken = await server().token('chair')
  participant = await server().participants.create({ name: 'Kari Nordmann', org: 'NO', role: 'commenter' })
  pendingLink = await server().participants.invite(participant.id)
  workspaceBefore = workspace()
  listBefore = (await asChair('/api/participants', 'GET')).json
})

describe('participant routes', () => {
  const badDays: [string, unknown][] = [
    ['1e308', 1e308],
    ['-5', -5],
    ['0', 0],
    ['366', 366],
    ['2.5', 2.5],
    ['"7" (text)', '7'],
    ['null', null],
  ]

  it.each(badDays)('POST /api/participants/:id/link with expiresInDays %s: 400 naming the field', async (_what, days) => {
    const res = await asChair(`/api/participants/${participant.id}/link`, 'POST', { expiresInDays: days })
    expect(res.status, res.text).toBe(400)
    expect(codeOf(res)).toBe('request.invalid')
    expect((res.json as { error: string }).error).toMatch(/expiresInDays/)
  })

  it.each(badDays)('POST /api/participants with expiresInDays %s: 400', async (_what, days) => {
    const res = await asChair('/api/participants', 'POST', { name: 'Ana Delegate', org: 'MZ', role: 'commenter', expiresInDays: days })
    expect(res.status, res.text).toBe(400)
    expect(codeOf(res)).toBe('request.invalid')
  })

  it('POST /api/participants/:id/link with an unknown field: 400', async () => {
    const res = await asChair(`/api/participants/${participant.id}/link`, 'POST', { days: 7 })
    expect(res.status, res.text).toBe(400)
    expect(codeOf(res)).toBe('request.invalid')
  })

  const unknownId = 'NoSuchParticipant1'
  const onUnknown: [string, string, unknown][] = [
    ['POST', `/api/participants/${unknownId}/link`, {}],
    ['POST', `/api/participants/${unknownId}/link`, { expiresInDays: 1e308 }],
    ['PATCH', `/api/participants/${unknownId}`, { role: 'editor' }],
    ['DELETE', `/api/participants/${unknownId}`, undefined],
  ]

  it.each(onUnknown)('%s %s (unknown participant): 404', async (method, path, body) => {
    const res = await asChair(path, method, body)
    expect(res.status, res.text).toBe(404)
    expect(codeOf(res)).toBe('participant.notFound')
  })

  it('changed nothing: the same participants, workspace.json byte for byte, and the pending link still works', async () => {
    expect((await asChair('/api/participants', 'GET')).json).toEqual(listBefore)
    expect(workspace().equals(workspaceBefore)).toBe(true)
    const signIn = await rawRequest(server().url, '/api/auth/signin', { method: 'POST', body: { link: pendingLink } })
    expect(signIn.status, signIn.text).toBe(200)
  })

  it('a new link without a body (as the Participants page asks) or with a valid expiry is made', async () => {
    expect((await asChair(`/api/participants/${participant.id}/link`, 'POST')).status).toBe(201)
    expect((await asChair(`/api/participants/${participant.id}/link`, 'POST', { expiresInDays: 365 })).status).toBe(201)
  })
})
