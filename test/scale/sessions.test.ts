import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { silentLogger } from '../../server/logger'
import { ParticipantService } from '../../server/participants/ParticipantService'
import { PostgresStore } from '../../server/store/postgres/PostgresStore'
import { npm } from '../helpers/npmCli'
import { cookiePair, rawRequest } from '../helpers/rawHttp'
import { ScaleCluster } from './helpers/cluster'
import { postgresForThisFile, scaleTestsRun } from './helpers/scaleSuite'

/**
 * Sessions, sign-in links and the sign-in limit are the workspace's, not an instance's: a session made on
 * one instance works on the others, a link is redeemed once however many instances it is sent to at the
 * same moment, and a client's failed attempts count against one budget across instances.
 */

describe.runIf(scaleTestsRun())('sessions and sign-in across instances', () => {
  const postgres = postgresForThisFile()
  let cluster: ScaleCluster
  beforeAll(async () => {
    cluster = await ScaleCluster.start(postgres(), { instances: 2, leaseMs: 3000 })
  })
  afterAll(async () => {
    await cluster?.destroy()
  })

  async function linkFor(name: string): Promise<string> {
    const store = PostgresStore.connect(cluster.directDatabaseUrl, silentLogger)
    try {
      const participants = new ParticipantService(store)
      const p = await participants.create({ name, org: 'NO', role: 'commenter' })
      return await participants.invite(p.id)
    } finally {
      await store.close()
    }
  }

  const signIn = (instance: number, link: string) =>
    rawRequest(cluster.instances[instance]!.url, '/api/auth/signin', { method: 'POST', body: { link } })

  it('a link sent to both instances at the same moment signs in once; the session works on the other instance', async () => {
    // Two rounds of four attempts: within the sign-in limit (a burst of 10 per client address).
    for (let round = 0; round < 2; round++) {
      const link = await linkFor(`Racer ${round}`)
      const answers = await Promise.all([signIn(0, link), signIn(1, link), signIn(0, link), signIn(1, link)])
      expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401, 401])
      const winner = answers.findIndex((a) => a.status === 200)
      const other = winner % 2 === 0 ? 1 : 0
      const me = await rawRequest(cluster.instances[other]!.url, '/api/me', { headers: { cookie: cookiePair(answers[winner]!.headers['set-cookie']![0]!) } })
      expect(me.status).toBe(200)
      expect(me.json).toMatchObject({ name: `Racer ${round}` })
    }
  })

  it('npm run accord -- token with DATABASE_URL makes a token every running instance accepts at once', async () => {
    const made = await npm(['run', 'accord', '--', 'token', '--name', 'Script Runner', '--org', 'WIPO', '--role', 'observer'], '/nonexistent/accord-data', {
      DATABASE_URL: cluster.directDatabaseUrl,
    })
    expect(made.code, made.stderr).toBe(0)
    for (const instance of cluster.instances) {
      const me = await rawRequest(instance.url, '/api/me', { token: made.stdout.trim() })
      expect(me.status).toBe(200)
      expect(me.json).toMatchObject({ name: 'Script Runner', org: 'WIPO', role: 'observer' })
    }
  })

  it('failed sign-ins spread over the instances count against one limit per client', async () => {
    await cluster.query('DELETE FROM rate_limits') // a fresh budget for this client address
    const statuses: number[] = []
    // 10 attempts allowed in a burst (then one every 6 s), alternating between the instances.
    for (let i = 0; i < 12; i++) statuses.push((await signIn(i % 2, `not-a-real-link-${i}`.padEnd(40, 'x'))).status)
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true)
    expect(statuses.slice(10)).toEqual([429, 429])
  })
})
