import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rawRequest } from '../../helpers/rawHttp'
import { startTestServer, type TestServer } from '../../helpers/testServer'

/** Security headers on the app and the API: a CSP that allows no inline script, nosniff, no framing. */
let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server?.stop()
})

describe('security headers', () => {
  const paths = ['/', '/api/health', '/api/me', '/d/some-draft']
  it.each(paths.map((p) => [p]))('%s carries a CSP without inline script, nosniff and frame-ancestors', async (path) => {
    const res = await rawRequest(server.url, path)
    const csp = String(res.headers['content-security-policy'] ?? '')
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map((parts) => [parts[0]!, parts.slice(1)]),
    )
    const scriptSrc = directives.get('script-src') ?? directives.get('default-src')
    expect(scriptSrc, csp).toBeDefined()
    expect(scriptSrc).not.toContain("'unsafe-inline'")
    expect(scriptSrc).not.toContain("'unsafe-eval'")
    expect(scriptSrc!.some((s) => s.startsWith("'nonce-") || s.startsWith("'sha"))).toBe(false)
    expect(directives.get('script-src-attr') ?? ["'none'"]).not.toContain("'unsafe-inline'")
    expect(directives.get('frame-ancestors')).toEqual(["'none'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['x-powered-by']).toBeUndefined()
  })

  it('serves an app page with no inline script (the CSP would block it)', async () => {
    const res = await rawRequest(server.url, '/')
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/text\/html/)
    const scripts = [...res.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    expect(scripts.length).toBeGreaterThan(0)
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc=/)
      expect(body!.trim()).toBe('')
    }
    expect(res.text).not.toMatch(/\son[a-z]+\s*=/i)
  })
})
