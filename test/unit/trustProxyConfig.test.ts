import { describe, expect, it } from 'vitest'
import { configFromEnv } from '../../server/config'

/** TRUST_PROXY as read from the environment (what it does behind a proxy: test/integration/security/reverseProxy.test.ts). */
describe('TRUST_PROXY', () => {
  it('is off when unset or empty', () => {
    expect(configFromEnv({}).trustProxy).toBeUndefined()
    expect(configFromEnv({ TRUST_PROXY: ' ' }).trustProxy).toBeUndefined()
  })

  it('takes a number of proxies, or their addresses, subnets and names', () => {
    expect(configFromEnv({ TRUST_PROXY: '2' }).trustProxy).toBe(2)
    expect(configFromEnv({ TRUST_PROXY: 'loopback' }).trustProxy).toEqual(['loopback'])
    expect(configFromEnv({ TRUST_PROXY: '10.0.0.2, 10.1.0.0/16,::1' }).trustProxy).toEqual(['10.0.0.2', '10.1.0.0/16', '::1'])
  })

  it.each(['true', 'yes', '1.5', '10.0.0.0/99', 'proxy.example'])('refuses %s, naming the variable', (value) => {
    expect(() => configFromEnv({ TRUST_PROXY: value })).toThrow(/^TRUST_PROXY must be the number of proxies in front of Accord or their addresses/)
  })
})
