import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Me } from '../../../shared/types'
import { npm } from '../../helpers/npmCli'
import { rawRequest } from '../../helpers/rawHttp'
import { collabUrl, tryUpgrade } from '../../helpers/rawSocket'
import { spawnServer, type ServerProcess } from '../../helpers/serverProcess'
import { startTestServer, tempDataDir, type TestServer } from '../../helpers/testServer'

/**
 * `npm run accord -- token ...` prints only an API token on stdout, with or without a server running on the
 * data dir, and with or without npm's `-s`; the token works as a Bearer token and on the WebSocket.
 */

const TOKEN_LINE = /^[A-Za-z0-9_-]{43}\n$/

const tokenArgs = (silent: boolean, name: string) => [
  'run',
  ...(silent ? ['-s'] : []),
  'accord',
  '--',
  'token',
  '--name',
  name,
  '--org',
  'NO',
  '--role',
  'commenter',
]

async function expectWorkingToken(url: string, token: string, name: string): Promise<Me> {
  const res = await rawRequest(url, '/api/me', { token })
  expect(res.status, res.text).toBe(200)
  const me = res.json as Me
  expect(me).toMatchObject({ name, org: 'NO', role: 'commenter' })
  return me
}

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** A data dir holding a workspace, as a server leaves it once it has run there; removed after the test. */
async function workspaceDir(): Promise<string> {
  const dataDir = tempDataDir()
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
  await (await startTestServer({ dataDir })).stop()
  return dataDir
}

describe('npm run accord -- token', () => {
  it('with no server running: prints only a token (with and without -s), stored hashed, that works as Bearer', async () => {
    const dataDir = await workspaceDir()
    const silent = await npm(tokenArgs(true, 'Script Runner'), dataDir)
    expect(silent.code, silent.stderr).toBe(0)
    expect(silent.stdout).toMatch(TOKEN_LINE)
    const loud = await npm(tokenArgs(false, 'Script Runner'), dataDir)
    expect(loud.code, loud.stderr).toBe(0)
    expect(loud.stdout, 'the project .npmrc keeps npm quiet: stdout is the token alone').toMatch(TOKEN_LINE)
    console.log(`CLI direct: -s ${Math.round(silent.ms)} ms, without -s ${Math.round(loud.ms)} ms; stdout is ${loud.stdout.length} bytes (token + newline)`)

    const workspace = readFileSync(join(dataDir, 'workspace.json'), 'utf8')
    expect(workspace).not.toContain(silent.stdout.trim())
    expect(workspace).not.toContain(loud.stdout.trim())

    const server: TestServer = await startTestServer({ dataDir })
    cleanups.push(() => server.stop())
    const a = await expectWorkingToken(server.url, silent.stdout.trim(), 'Script Runner')
    const b = await expectWorkingToken(server.url, loud.stdout.trim(), 'Script Runner')
    expect(b.id, 'the same participant, not a duplicate').toBe(a.id)
    // The Participants page can tell a script's participant from one who never signed in.
    const record = await server.participants.get(a.id)
    expect(record?.lastSignInAt).toBeUndefined()
    expect(Date.parse(record?.apiTokenSince ?? '')).toBeGreaterThan(Date.now() - 10 * 60_000)
    const ws = await tryUpgrade(collabUrl(server.url, server.demoId, loud.stdout.trim()))
    expect(ws.opened).toBe(true)
    if (ws.opened) ws.ws.close()
  })

  it('with a server process running on the data dir: goes through the server and prints only a token', async () => {
    const dataDir = tempDataDir()
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const proc: ServerProcess & { ready: Promise<string> } = spawnServer(dataDir)
    cleanups.push(async () => {
      if (proc.child.exitCode === null) proc.child.kill('SIGTERM')
      await proc.exited
    })
    const url = await proc.ready

    const silent = await npm(tokenArgs(true, 'Live Script'), dataDir)
    expect(silent.code, silent.stderr).toBe(0)
    expect(silent.stdout).toMatch(TOKEN_LINE)
    const loud = await npm(tokenArgs(false, 'Live Script'), dataDir)
    expect(loud.code, loud.stderr).toBe(0)
    expect(loud.stdout).toMatch(TOKEN_LINE)
    console.log(`CLI via running server: -s ${Math.round(silent.ms)} ms, without -s ${Math.round(loud.ms)} ms`)

    await expectWorkingToken(url, silent.stdout.trim(), 'Live Script')
    await expectWorkingToken(url, loud.stdout.trim(), 'Live Script')
    // The server, not the CLI, wrote the data: it stops cleanly and nothing else holds the files.
    proc.child.kill('SIGTERM')
    expect((await proc.exited).code).toBe(0)
    expect(proc.stderr()).not.toMatch(/"level":"error"/)
  })

  it('prints nothing on stdout and exits non-zero on bad arguments', async () => {
    const dataDir = tempDataDir()
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const [role, days, email] = await Promise.all([
      npm(['run', 'accord', '--', 'token', '--name', 'X', '--org', 'NO', '--role', 'boss'], dataDir),
      npm(['run', 'accord', '--', 'invite', '--name', 'X', '--org', 'NO', '--role', 'observer', '--expires-in-days', '1e308'], dataDir),
      npm(['run', 'accord', '--', 'invite', '--name', 'X', '--org', 'NO', '--role', 'observer', '--email', 'not-an-address'], dataDir),
    ])
    for (const res of [role, days, email]) {
      expect(res.code).toBe(2)
      expect(res.stdout).toBe('')
    }
    expect(role.stderr).toMatch(/--role must be one of/)
    expect(days.stderr).toMatch(/--expires-in-days must be a whole number of days, at most 3650/)
    expect(email.stderr).toMatch(/--email must be an e-mail address/)
  })
})

describe('npm run accord -- invite', () => {
  it('for someone already invited: prints a new link, and their earlier one no longer works', async () => {
    const dataDir = await workspaceDir()
    const invite = ['run', '-s', 'accord', '--', 'invite', '--name', 'Elena Ortiz', '--org', 'WIPO', '--role', 'editor']
    const first = await npm(invite, dataDir)
    expect(first.code, first.stderr).toBe(0)
    // Invited again with an address: it is where their notifications are e-mailed.
    const second = await npm([...invite, '--email', 'elena.ortiz@wipo.int'], dataDir)
    expect(second.code, second.stderr).toBe(0)
    const secretOf = (stdout: string) => /\/signin#([A-Za-z0-9_-]+)\n$/.exec(stdout)?.[1] ?? ''

    const server: TestServer = await startTestServer({ dataDir })
    cleanups.push(() => server.stop())
    const signIn = (link: string) => rawRequest(server.url, '/api/auth/signin', { method: 'POST', body: { link } })
    const old = await signIn(secretOf(first.stdout))
    expect(old.status).toBe(401)
    expect((old.json as { code: string }).code).toBe('auth.linkInvalid')
    const latest = await signIn(secretOf(second.stdout))
    expect(latest.status, latest.text).toBe(200)
    expect(latest.json).toMatchObject({ name: 'Elena Ortiz', org: 'WIPO', role: 'editor' })
    expect((await server.participants.list()).filter((p) => p.name === 'Elena Ortiz').map((p) => p.email)).toEqual(['elena.ortiz@wipo.int'])
  })
})

describe('npm run accord -- token|invite without a workspace', () => {
  it('refuses a DATA_DIR that does not exist or holds no workspace, and creates nothing there', async () => {
    const parent = tempDataDir()
    cleanups.push(() => rmSync(parent, { recursive: true, force: true }))
    const missing = join(parent, 'typo')
    const empty = join(parent, 'empty')
    mkdirSync(empty)
    const person = ['--name', 'Kari Nordmann', '--org', 'NO', '--role', 'commenter']
    const runs = await Promise.all([
      npm(['run', 'accord', '--', 'token', ...person], missing),
      npm(['run', 'accord', '--', 'invite', ...person], missing),
      npm(['run', 'accord', '--', 'token', ...person], empty),
      npm(['run', 'accord', '--', 'invite', ...person], empty),
    ])
    for (const [i, run] of runs.entries()) {
      expect(run.code, run.stderr).toBe(1)
      expect(run.stdout).toBe('')
      expect(run.stderr).toMatch(i < 2 ? /DATA_DIR .*typo does not exist/ : /DATA_DIR .*empty holds no Accord workspace/)
      expect(run.stderr).toMatch(/Set DATA_DIR to the directory the server uses/)
    }
    console.log(`CLI without a workspace: ${runs[0]!.stderr.trim()} | ${runs[2]!.stderr.trim()}`)
    expect(existsSync(missing)).toBe(false)
    expect(readdirSync(empty)).toEqual([])
  })
})
