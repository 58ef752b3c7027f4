import { describe, expect, it } from 'vitest'
import { configFromEnv } from '../../server/config'

/** DATABASE_URL selects PostgreSQL (and scale-out); without it nothing changes: the embedded store in DATA_DIR. */
describe('scale-out configuration', () => {
  it('is off without DATABASE_URL: the embedded store stays the default', () => {
    const config = configFromEnv({ DATA_DIR: '/tmp/accord-data' })
    expect(config.databaseUrl).toBeUndefined()
    expect(config.redisUrl).toBeUndefined()
    expect(config.dataDir).toBe('/tmp/accord-data')
  })

  it('reads DATABASE_URL, REDIS_URL, INSTANCE_URL and LEASE_MS', () => {
    const config = configFromEnv({
      DATABASE_URL: 'postgres://accord@db:5432/accord',
      REDIS_URL: 'redis://cache:6379',
      INSTANCE_URL: 'http://10.0.0.5:5170',
      LEASE_MS: '4000',
    })
    expect(config).toMatchObject({
      databaseUrl: 'postgres://accord@db:5432/accord',
      redisUrl: 'redis://cache:6379',
      instanceUrl: 'http://10.0.0.5:5170',
      leaseMs: 4000,
    })
  })

  it('refuses what cannot work, naming the variable', () => {
    expect(() => configFromEnv({ DATABASE_URL: 'mysql://db/accord' })).toThrow(/DATABASE_URL must be a PostgreSQL URL/)
    expect(() => configFromEnv({ REDIS_URL: 'redis://cache:6379' })).toThrow(/set DATABASE_URL too/)
    expect(() => configFromEnv({ DATABASE_URL: 'postgres://db/a', REDIS_URL: 'http://cache' })).toThrow(/REDIS_URL must be a Redis URL/)
    expect(() => configFromEnv({ DATABASE_URL: 'postgres://db/a', LEASE_MS: 'soon' })).toThrow(/LEASE_MS/)
  })
})
