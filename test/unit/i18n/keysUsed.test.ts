import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLIENT_CATALOGUES } from '../../../client/src/i18n/catalogues'
import { SHARED_CATALOGUES } from '../../../shared/i18n/catalogues'
import { flatten } from './catalogueRules'

/** Every source file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.(ts|tsx)$/.test(name) ? [path] : []
  })
}

/** The literal keys code asks for: `t('a.b')`, `t("a.b", …)`, `i18nKey="a.b"`, and `t(x ? 'a' : 'b')`'s both. */
function keysIn(text: string): string[] {
  const keys = new Set<string>()
  for (const m of text.matchAll(/\bt\(\s*'([\w.-]+)'/g)) keys.add(m[1]!)
  for (const m of text.matchAll(/\bt\(\s*[\w.!]+ \? '([\w.-]+)' : '([\w.-]+)'/g)) for (const k of [m[1]!, m[2]!]) keys.add(k)
  for (const m of text.matchAll(/i18nKey="([\w.-]+)"/g)) keys.add(m[1]!)
  for (const m of text.matchAll(/i18nKey=\{[^}]*\? '([\w.-]+)' : '([\w.-]+)'\}/g)) for (const k of [m[1]!, m[2]!]) keys.add(k)
  return [...keys]
}

/** A key exists as itself, or as a plural (`_one`, `_other`) or with a context (`_file`). */
const exists = (texts: Map<string, string>, key: string) => texts.has(key) || [...texts.keys()].some((k) => k.startsWith(`${key}_`))

/** No key the code asks for by name is missing from the English catalogues (it would show as its key). */
describe('keys used in code', () => {
  it('the browser’s are all in its English catalogue', () => {
    const texts = flatten(CLIENT_CATALOGUES.en)
    const missing = sources('client/src').flatMap((file) => keysIn(readFileSync(file, 'utf8')).filter((k) => !exists(texts, k)).map((k) => `${file}: ${k}`))
    expect(missing).toEqual([])
  })

  it('the shared code’s and the server’s are all in the shared English catalogue', () => {
    const texts = flatten(SHARED_CATALOGUES.en)
    const missing = [...sources('shared'), ...sources('server')].flatMap((file) =>
      keysIn(readFileSync(file, 'utf8'))
        .filter((k) => !exists(texts, k))
        .map((k) => `${file}: ${k}`),
    )
    expect(missing).toEqual([])
  })
})
